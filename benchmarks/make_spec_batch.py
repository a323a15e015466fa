"""Builds spec-batch.tsv, the benchmark batch, from real environment data (run once; the output is committed).

Specs: every version specifier set in the Requires-Dist lines of the real METADATA files.
Versions: every version pinned in the real `pip freeze` listings.
Each spec is paired with versions taken in turn, so the batch mixes matches and misses.
Usage: /usr/bin/python3 benchmarks/make_spec_batch.py REAL_ENVS_DIR > benchmarks/spec-batch.tsv
"""
import glob
import os
import re
import sys

from packaging.requirements import Requirement
from packaging.version import InvalidVersion, Version

root = sys.argv[1]
specs = []
for metadata in sorted(glob.glob(os.path.join(root, "dist-info", "*", "METADATA"))):
    with open(metadata, encoding="utf-8") as f:
        for line in f:
            if line.startswith("Requires-Dist:"):
                spec = str(Requirement(line.split(":", 1)[1].strip()).specifier)
                if spec:
                    specs.append(spec)
versions = []
for listing in sorted(glob.glob(os.path.join(root, "envs", "*pip-freeze*.txt"))):
    with open(listing, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"^[A-Za-z0-9._-]+==([^\s;#]+)", line.strip())
            if m:
                try:
                    versions.append(str(Version(m.group(1))))
                except InvalidVersion:
                    pass
print("# spec-matching benchmark batch: SPEC<TAB>VERSION; made by benchmarks/make_spec_batch.py from")
print(f"# {len(specs)} real Requires-Dist specifier sets and {len(versions)} real pinned versions (shared/data/real-envs)")
for i in range(20000):
    print(f"{specs[i % len(specs)]}\t{versions[(i * 7919) % len(versions)]}")
