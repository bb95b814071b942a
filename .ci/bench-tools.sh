#!/usr/bin/env bash
# Installs Debian's wrk and nginx when missing: the serving benchmarks (bench/serve.py, bench/web.py,
# run at a tiny size by tests/bench) load the server with wrk and compare it with nginx.
set -euo pipefail

if command -v wrk >/dev/null 2>&1 && { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk nginx
