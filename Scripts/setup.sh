#!/usr/bin/env bash
# Installs the system libraries MIMISim builds against (libcrypto and libzstd, with pkg-config),
# only when they are missing. Debian/Ubuntu; needs root or sudo for apt-get.
set -euo pipefail
need=()
pkg-config --exists libcrypto 2>/dev/null || need+=(libssl-dev)
pkg-config --exists libzstd 2>/dev/null || need+=(libzstd-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v swift >/dev/null 2>&1 || { echo "setup: swift (6.x) is not on PATH; install a Swift 6 toolchain first" >&2; exit 1; }
