#!/usr/bin/env bash
# One 300-package snapshot against 1,000 rules, and the seed sample against the default pack and
# the built-in checks (JMH, one thread).
# Usage: benchmarks/run-audit.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -B -DskipTests -pl benchmarks -am package
java -jar benchmarks/target/benchmarks.jar "AuditBenchmark|SeedSampleAuditBenchmark" -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 \
  -rf text -rff benchmarks/target/audit.txt
