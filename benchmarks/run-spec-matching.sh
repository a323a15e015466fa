#!/usr/bin/env bash
# Spec matching throughput, envaudit (JMH) and Python's packaging 23.0 side by side, on one batch.
# Usage: benchmarks/run-spec-matching.sh   (from the repository root; needs /usr/bin/python3 with python3-packaging)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -B -DskipTests -pl benchmarks -am package
echo "== Python packaging (same batch, same machine)"
/usr/bin/python3 benchmarks/python_packaging_baseline.py benchmarks/spec-batch.tsv
echo "== envaudit (JMH)"
java -jar benchmarks/target/benchmarks.jar SpecMatchingBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 \
  -jvmArgs "-Denvaudit.batch=benchmarks/spec-batch.tsv" -rf text -rff benchmarks/target/spec-matching.txt
