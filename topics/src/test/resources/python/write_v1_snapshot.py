"""Writes the example snapshot in single-object encoding to stdout. Usage: write_v1_snapshot.py SCHEMA.avsc"""
import sys

from example_snapshot import example_snapshot
from single_object import SingleObjectWriter

with open(sys.argv[1], encoding="utf-8") as schema_file:
    writer = SingleObjectWriter(schema_file.read())
sys.stdout.buffer.write(writer.encode(example_snapshot()))
