#!/usr/bin/env bash
# Installs Debian's PostgreSQL server binaries when missing. tests/storage starts its own
# throwaway cluster from them (initdb + pg_ctl in a temp dir); no system service is used.
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
# env: sudo would drop an exported DEBIAN_FRONTEND.
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found" >&2
  exit 1
fi
