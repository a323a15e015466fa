#!/usr/bin/env bash
# The auditor's compact environment store: bytes per environment and the cost of storing and restoring
# one (JMH, one thread). Pass sample snapshot files to measure others: run-stored-environment.sh a.json b.json
# Usage: benchmarks/run-stored-environment.sh [SNAPSHOT.json...]   (from the repository root)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
samples=("$@")
[ ${#samples[@]} -gt 0 ] || samples=(samples/seed-tf210-anaconda-keras.json)
./mvnw -q -B -DskipTests -pl benchmarks -am package
java -jar benchmarks/target/benchmarks.jar StoredEnvironmentBenchmark -p sample="$(IFS=,; echo "${samples[*]}")" \
  -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 -rf text -rff benchmarks/target/stored-environment.txt
