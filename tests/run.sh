#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what the tests need, then runs pytest.
#   bash tests/run.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's chromium drives the end-to-end dashboard tests (no browser download).
if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian's chromium for the end-to-end tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Debian's PostgreSQL server backs the shared-store tests (tests/test_store_postgres.py start
# their own throwaway server on 127.0.0.1; nothing is configured system-wide).
if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null && ! command -v postgres >/dev/null 2>&1; then
  echo "== installing Debian's postgresql for the shared-store tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi

echo "== installing Python packages (requirements-dev.txt)"
python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

echo "== running the tests"
exec python -m pytest "$@"
