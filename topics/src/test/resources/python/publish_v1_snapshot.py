"""Publishes the example snapshot with publish_snapshot.py. Usage: publish_v1_snapshot.py BOOTSTRAP PREFIX SCHEMA.avsc"""
import sys

from example_snapshot import example_snapshot
from publish_snapshot import publish

bootstrap, prefix, schema_path = sys.argv[1:4]
with open(schema_path, encoding="utf-8") as schema_file:
    publish(bootstrap, prefix, schema_file.read(), [example_snapshot()])
