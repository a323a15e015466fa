#!/usr/bin/env bash
# The agent daemon's memory: `agent publish --interval` from the slim jar, with the heap the systemd unit gives
# it (-Xmx48m, serial GC), publishing this machine's environments plus a generated 500-package venv to the
# broker of an `envaudit up`, first with the broker up, then through an outage (the broker stopped).
# Reports, for each phase, the largest heap left after a collection (the live set) and the peak resident set.
# Usage: load-tests/agent-daemon.sh [SECONDS_PER_PHASE]   (from the repository root; default 60)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
phase=${1:-60}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
[ -f cli/target/envaudit.jar ] && [ -f agent-cli/target/envaudit-agent.jar ] || ./mvnw -q -B -DskipTests -pl cli -am package

# a venv of 500 pip packages, each with a few requirements, as pip writes their metadata
site="$work/envs/big/lib/python3.11/site-packages"
mkdir -p "$site"
printf 'home = /usr/bin\nversion = 3.11.2\n' > "$work/envs/big/pyvenv.cfg"
for i in $(seq 1 500); do
  d="$site/package_$i-1.$((i % 7)).$((i % 13)).dist-info"
  mkdir -p "$d"
  printf 'Metadata-Version: 2.1\nName: package-%d\nVersion: 1.%d.%d\nRequires-Dist: package-%d>=1.0\nRequires-Dist: package-%d<2; python_version >= "3.8"\nRequires-Dist: package-%d[extra]; extra == "test"\n' \
    "$i" $((i % 7)) $((i % 13)) $(((i % 500) + 1)) $((((i + 7) % 500) + 1)) $((((i + 13) % 500) + 1)) > "$d/METADATA"
  echo pip > "$d/INSTALLER"
done
printf 'venv_roots: [%s]\n' "$work/envs" > "$work/agent.yaml"

java -jar cli/target/envaudit.jar up --data-dir "$work/up" --no-sample --no-scan --metrics-address 127.0.0.1:0 > "$work/up.log" 2>&1 &
up=$!
for _ in $(seq 1 120); do grep -q '^Auditor started' "$work/up.log" && break; sleep 1; done
broker=$(sed -n 's/^Kafka broker up at \([^ ]*\) .*/\1/p' "$work/up.log")
echo "broker $broker; the agent publishes every 2s"

java -Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:gc:file="$work/gc.log" \
  -jar agent-cli/target/envaudit-agent.jar agent publish --interval 2s --heartbeat-every 3 -b "$broker" \
  --config "$work/agent.yaml" --state "$work/state.properties" > "$work/agent.out" 2> "$work/agent.log" &
agent=$!

report() { # the phase's name, the gc log line where it started
  local live
  live=$(tail -n +"$2" "$work/gc.log" | sed -n 's/.*->\([0-9]*\)M(.*/\1/p' | sort -n | tail -1)
  printf '%-14s rounds so far %3d  largest live heap %3s MB  peak RSS %s MB\n' "$1" \
    "$(grep -c 'sent \| not delivered' "$work/agent.log")" "${live:-?}" \
    "$(( $(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/$agent/status) / 1024 ))"
}
sleep "$phase"
report "broker up" 1
mark=$(($(wc -l < "$work/gc.log") + 1))
kill -TERM $up; wait $up || true
sleep "$phase"
report "broker down" "$mark"
kill -TERM $agent; wait $agent || true
echo "environments per round: $(grep -m1 -o 'sent [0-9]* changed[^;]*; [0-9]* unchanged' "$work/agent.log")"
grep -m1 'not delivered' "$work/agent.log" | sed 's/^.*WARN /outage log: /' || true
