#!/usr/bin/env bash
# The editor configurations no headless editor here runs (VS Code, Helix, Zed, Sublime) checked as files: JSON and
# TOML parse, names line up, the VS Code extension declares the server's settings; atlas-hcl.el byte-compiles.
#   bash Tests/EndToEnd/editors/run.sh [WORKDIR]      (WORKDIR is unused: nothing is written)
# Prints `PASS name` / `FAIL name: why` per check; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Debian's python3 (3.11, which has tomllib) rather than whatever python3 comes first on PATH.
py=/usr/bin/python3
[[ -x $py ]] || py=$(command -v python3) || { echo "FAIL editors: python3 not found"; exit 1; }
"$py" "$here/check_configs.py" "$(cd "$here/../../.." && pwd)"
