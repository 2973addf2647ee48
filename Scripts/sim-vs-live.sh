#!/usr/bin/env bash
# Runs one small workload simulated and live and prints the two summaries side by side.
#
# Both runs use the same topology and workload files (default: loopback.yaml, the simulated twin of a live run
# on this machine). The simulated run models the topology's link latencies
# and charges measured crypto CPU time; the live run crosses loopback (no emulated latency) with real TLS,
# HTTP and scheduling, and measures wall-clock latencies.
#
# Usage: Scripts/sim-vs-live.sh [WORKLOAD] [TOPOLOGY]   (default Workloads/live-small.yaml, Topologies/loopback.yaml)
# Env:   MIMISIM=path/to/mimisim   use this binary instead of building (release)
#        SCRATCH=.build-x          SwiftPM scratch path for the build (default .build)
#        OUT=dir                   where the two results folders go (default Results/sim-vs-live)
set -euo pipefail
cd "$(dirname "$0")/.."

WORKLOAD=${1:-Workloads/live-small.yaml}
TOPOLOGY=${2:-Topologies/loopback.yaml}
OUT=${OUT:-Results/sim-vs-live}
if [ -z "${MIMISIM:-}" ]; then
    Scripts/setup.sh >/dev/null
    swift build -c release --scratch-path "${SCRATCH:-.build}" --product mimisim >/dev/null
    MIMISIM="${SCRATCH:-.build}/release/mimisim"
fi
mkdir -p "$OUT"

echo "== simulated (crypto time measured, link latencies of $TOPOLOGY) =="
"$MIMISIM" run --topology "$TOPOLOGY" --workload "$WORKLOAD" --crypto-time measured --out "$OUT/sim" || true
echo
echo "== live (loopback HTTPS, mutual TLS between providers) =="
"$MIMISIM" live --topology "$TOPOLOGY" --workload "$WORKLOAD" --out "$OUT/live" 2>/dev/null || true
echo
echo "== side by side: base = simulated, new = live =="
"$MIMISIM" compare "$OUT/sim" "$OUT/live" || true
