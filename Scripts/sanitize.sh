#!/usr/bin/env bash
# Runs the crypto, codec, framing and group tests under AddressSanitizer + LeakSanitizer.
# Any out-of-bounds access, use-after-free or leak outside XCTest's own objects fails the run.
# Usage: Scripts/sanitize.sh [extra swift test args]   (builds into .build-asan; takes a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
filter="MLSCryptoTests|CryptoVectorTests|KeyScheduleVectorTests|FramingTests|CodecFuzzTests|MessagesFuzzTests|GroupBadInputTests|GroupTests"
swift build --build-tests --sanitize=address --scratch-path .build-asan
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 LSAN_OPTIONS="suppressions=$PWD/Scripts/lsan.supp:print_suppressions=0" \
  swift test --skip-build --sanitize=address --scratch-path .build-asan --filter "$filter" "$@"
