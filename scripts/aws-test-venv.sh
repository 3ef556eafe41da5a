#!/usr/bin/env bash
# scripts/aws-test-venv.sh — creates .venv-aws/ with moto's server (PyPI `moto[server]`), the local stand-in for STS
# that the AWSAuth tests start on 127.0.0.1. Idempotent: does nothing when the venv already imports moto.server.
#
#   bash scripts/aws-test-venv.sh        prints the venv's python on stdout when ready; exits non-zero on failure
#
# Called by scripts/test.sh before `swift test`, and by the AWSAuth tests themselves when the venv is missing and CI
# is not set (in CI the tests fail loudly instead, so a missing install step shows).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$repo/.venv-aws"
say() { printf '[aws-test-venv] %s\n' "$*" >&2; }

if "$venv/bin/python" -c 'import moto.server' 2>/dev/null; then
  printf '%s\n' "$venv/bin/python"
  exit 0
fi

# Debian's python3 (python3-venv) when there is one, else whatever python3 is on PATH.
py=/usr/bin/python3
if [[ ! -x $py ]] || ! "$py" -c 'import venv, ensurepip' 2>/dev/null; then
  py=$(command -v python3) || { say "error: python3 not found"; exit 1; }
fi
if ! "$py" -c 'import venv, ensurepip' 2>/dev/null; then
  # shellcheck source=lib/apt.sh
  source "$repo/scripts/lib/apt.sh"
  ensure_apt_packages python3-venv || { say "error: could not install python3-venv"; exit 1; }
  py=/usr/bin/python3
fi

say "creating $venv (moto[server]) with $py"
rm -rf "$venv"
"$py" -m venv "$venv"
# moto 5.x: the server mode (flask) and the STS backend; pinned below 6 so the tests' expectations hold.
"$venv/bin/pip" install -q --disable-pip-version-check 'moto[server]>=5.0,<6' >&2
"$venv/bin/python" -c 'import moto.server' || { say "error: moto.server does not import"; exit 1; }
say "ready"
printf '%s\n' "$venv/bin/python"
