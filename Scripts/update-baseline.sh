#!/usr/bin/env bash
# Regenerates Results/baselines/ci-regression/summary.json from the current code (debug build, as CI runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift build --product mimisim
.build/debug/mimisim run --topology Topologies/three-regions.yaml --workload Workloads/ci-regression.yaml --out .build/ci-regression
mkdir -p Results/baselines/ci-regression
cp .build/ci-regression/summary.json Results/baselines/ci-regression/summary.json
echo "updated Results/baselines/ci-regression/summary.json"
