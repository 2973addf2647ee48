#!/usr/bin/env bash
# The test command: installs missing system libraries, builds, runs every test target, then runs the
# deterministic ci-regression workload and compares it with Results/baselines/ci-regression.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
echo "== ci-regression run and comparison with the baseline"
.build/debug/mimisim run --topology Topologies/three-regions.yaml --workload Workloads/ci-regression.yaml --out .build/ci-regression
.build/debug/mimisim compare Results/baselines/ci-regression/summary.json .build/ci-regression/summary.json --changed-only \
  --fail-if 'commit.converge_ms.p99>+10%' --fail-if 'commit.accept_ms.p99>+10%' \
  --fail-if 'message.deliver_ms.p99>+10%' --fail-if 'message.last_deliver_ms.p99>+10%' \
  --fail-if 'check.convergence.passed<-50%' --fail-if 'check.exactly_once_delivery.passed<-50%'
