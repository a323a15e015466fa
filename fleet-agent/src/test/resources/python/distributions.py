"""Prints, as JSON, what Python's importlib.metadata reads from the site-packages folders given:
name, version and requires of each distribution, in the order found. The agent's reader is compared with it."""
import importlib.metadata
import json
import sys

found = []
for dist in importlib.metadata.distributions(path=sys.argv[1:]):
    found.append({"name": dist.metadata["Name"], "version": dist.version, "requires": dist.requires or []})
json.dump(found, sys.stdout)
