#!/usr/bin/env bash
# Runs the classic hold model in SimPy and in MIMISim in one go and prints both rates and their ratio.
#
# Hold model: PENDING events are pending; each processed event schedules one more at now + Exp(1).
# Both sides count processed events per second of process CPU time (one core), so other load on a
# shared machine affects both the same way. SimPy gets its fastest form: bare Timeout events with a
# callback (no generator process per event).
#
# Usage: Scripts/bench-engine-vs-simpy.sh            (builds mimisim in release if needed)
# Env:   MIMISIM=path/to/mimisim   use this binary instead of building
#        SCRATCH=.build-x          SwiftPM scratch path for the build (default .build)
#        PENDING=100000 SIMPY_EVENTS=2000000 MIMISIM_EVENTS=10000000
set -euo pipefail
cd "$(dirname "$0")/.."

PENDING=${PENDING:-100000}
SIMPY_EVENTS=${SIMPY_EVENTS:-2000000}
MIMISIM_EVENTS=${MIMISIM_EVENTS:-10000000}
PYTHON=${PYTHON:-python3}

if ! "$PYTHON" -c "import simpy" 2>/dev/null; then
    echo "installing SimPy from PyPI..." >&2
    "$PYTHON" -m pip install --quiet simpy >&2
fi

if [[ -z "${MIMISIM:-}" ]]; then
    SCRATCH=${SCRATCH:-.build}
    echo "building mimisim (release)..." >&2
    if ! log=$(swift build -c release --scratch-path "$SCRATCH" --product mimisim 2>&1); then
        echo "$log" >&2
        exit 1
    fi
    MIMISIM="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/mimisim"
fi

simpy_rate=$("$PYTHON" - "$PENDING" "$SIMPY_EVENTS" <<'PY'
import random, sys, time
import simpy

pending, target = int(sys.argv[1]), int(sys.argv[2])
env = simpy.Environment()
rng = random.Random(1)
processed = 0

def hold(event):
    global processed
    processed += 1
    if processed < target:
        env.timeout(rng.expovariate(1.0)).callbacks.append(hold)

for _ in range(pending):
    env.timeout(rng.expovariate(1.0)).callbacks.append(hold)

start = time.process_time()
while processed < target:
    env.step()
elapsed = time.process_time() - start
print(f"{processed / elapsed:.0f}")
print(f"simpy {simpy.__version__}: {pending} pending, {processed} events in {elapsed:.3f} CPU s", file=sys.stderr)
PY
)

json=$("$MIMISIM" bench engine --hold-only --pending "$PENDING" --events "$MIMISIM_EVENTS" --repeat 3 --json)
mimisim_rate=$("$PYTHON" -c 'import json,sys; print(round(json.loads(sys.argv[1])["hold_events_per_s"]))' "$json")

"$PYTHON" - "$simpy_rate" "$mimisim_rate" "$PENDING" <<'PY'
import sys
simpy_rate, mimisim_rate, pending = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
print(f"hold model, {pending} pending events, events per CPU second:")
print(f"  SimPy:   {simpy_rate:>14,.0f}")
print(f"  MIMISim: {mimisim_rate:>14,.0f}")
print(f"  ratio:   {mimisim_rate / simpy_rate:>14.1f}x")
PY
