#!/usr/bin/env bash
# Reading the largest real listings of each kind: format detection and parsing (JMH, one thread, sampled:
# the percentiles show the fastest runs too, which a busy machine disturbs least).
# Usage: benchmarks/run-listings.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -B -DskipTests -pl benchmarks -am package
java -jar benchmarks/target/benchmarks.jar "ListingReadBenchmark" -bm sample -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 \
  -rf text -rff benchmarks/target/listings.txt
