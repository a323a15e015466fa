#!/usr/bin/env bash
# The fleet agent's scan of a 500-package conda environment plus 50 pip packages, written to a temporary folder
# from a real conda list and real metadata: discovery, reading, the snapshot (JMH, one thread). Twice: as it
# is, then within the agent's heap limit (-Xmx64m; an OutOfMemoryError fails the run) with JMH's allocation
# profiler.
# Usage: benchmarks/run-agent-scan.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -B -DskipTests -pl benchmarks -am package
java -jar benchmarks/target/benchmarks.jar AgentScanBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 -foe true \
  -rf text -rff benchmarks/target/agent-scan.txt
java -jar benchmarks/target/benchmarks.jar AgentScanBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 -foe true \
  -jvmArgsAppend -Xmx64m -prof gc -rf text -rff benchmarks/target/agent-scan-64m.txt
