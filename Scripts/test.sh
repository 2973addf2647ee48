#!/usr/bin/env bash
# The test command: installs missing system libraries, builds, and runs every test target.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
