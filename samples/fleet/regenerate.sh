#!/usr/bin/env bash
# Writes the sample fleet's snapshot JSON from the real listings, as index.tsv says (FleetSamplesTest checks the result).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
listings="$root/listings/src/test/resources/real-envs/envs"
grep -v '^#' "$root/samples/fleet/index.tsv" | while IFS=$'\t' read -r sample listing host prefix labels collected; do
  args=(--host-id "$host" --collected-at "$collected")
  if [ "$prefix" != "-" ]; then
    args+=(--prefix "$prefix")
  fi
  IFS=',' read -ra pairs <<< "$labels"
  for label in "${pairs[@]}"; do
    args+=(--label "$label")
  done
  "$root/bin/envaudit" convert "${args[@]}" "$listings/$listing" > "$root/samples/fleet/$sample"
  echo "samples/fleet/$sample" >&2
done
