#!/usr/bin/env bash
# Tests/EndToEnd/run.sh — end-to-end tests of the built `mercator serve --stdio` with real LSP clients:
#   1. pytest-lsp (validates every message against the LSP types)   Tests/EndToEnd/pytest/
#   2. headless Neovim 0.7 (vim.lsp.start_client)                    Tests/EndToEnd/neovim/ (lenses.sh: the
#      Inspect schema lens through the RDS stand-in, when the test servers are configured)
#   3. Emacs 28 --batch + eglot                                      Tests/EndToEnd/emacs/
#   4. headless Vim 9 + ALE (Debian's vim-ale)                       Tests/EndToEnd/vim-ale/
#   5. the other editors' configurations as files (JSON/TOML, names) Tests/EndToEnd/editors/
# The editor clients load the shipped integrations from editors/.
#
#   bash Tests/EndToEnd/run.sh [--install-only] [pytest args...]
#
# Installs what is missing: apt packages (neovim emacs-nox elpa-eglot vim vim-ale python3-venv) and a virtual environment
# .venv-e2e/ with pytest and pytest-lsp from PyPI. Uses MERCATOR_BIN when set, else builds mercator (debug;
# SWIFT_FLAGS is passed to `swift build`) and uses the binary it reports. Prints a closing line
# `e2e: N passed, N failed` and exits non-zero on any failure.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

say() { printf '[e2e] %s\n' "$*" >&2; }
die() { printf '[e2e] error: %s\n' "$*" >&2; printf 'e2e: 0 passed, 1 failed\n'; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

install_only=false
if [[ ${1:-} == --install-only ]]; then install_only=true; shift; fi

# ---- 1. apt packages ---------------------------------------------------------------------------------------
# shellcheck source=../../scripts/lib/apt.sh
source "$repo/scripts/lib/apt.sh"
ensure_apt_packages neovim emacs-nox elpa-eglot vim vim-ale python3-venv strace || die "could not install the LSP clients"

# ---- 2. Python virtual environment -------------------------------------------------------------------------
venv="$repo/.venv-e2e"
t=$(now)
if ! "$venv/bin/python" -c 'import pytest_lsp' 2>/dev/null; then
  # Debian's python3 (python3-venv) rather than whatever python3 comes first on PATH.
  py=/usr/bin/python3
  [[ -x $py ]] || py=$(command -v python3) || die "python3 not found"
  say "creating $venv (pytest, pytest-lsp)"
  rm -rf "$venv"
  "$py" -m venv "$venv" || die "python3 -m venv failed"
  "$venv/bin/pip" install -q --disable-pip-version-check 'pytest>=8,<10' 'pytest-lsp>=1.0,<2' || die "pip install pytest pytest-lsp failed"
  say "venv ready in $(elapsed "$t") s"
fi
$install_only && exit 0

# ---- 3. the binary -----------------------------------------------------------------------------------------
if [[ -z ${MERCATOR_BIN:-} ]]; then
  read -r -a swift_flags <<<"${SWIFT_FLAGS:-}"
  say "swift build --product mercator ${swift_flags[*]}"
  swift build --product mercator "${swift_flags[@]}" >&2 || die "swift build failed"
  MERCATOR_BIN="$(swift build --show-bin-path "${swift_flags[@]}")/mercator"
fi
[[ $MERCATOR_BIN == /* ]] || MERCATOR_BIN="$repo/$MERCATOR_BIN"
[[ -x $MERCATOR_BIN ]] || die "MERCATOR_BIN=$MERCATOR_BIN is not an executable file"
export MERCATOR_BIN
say "MERCATOR_BIN=$MERCATOR_BIN"

passed=0
failed=0
failures=()
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---- 4. pytest-lsp -----------------------------------------------------------------------------------------
say "pytest-lsp: Tests/EndToEnd/pytest"
"$venv/bin/python" -m pytest -p no:cacheprovider -q -rfEx "$here/pytest" --junitxml="$work/pytest.xml" "$@"
pytest_rc=$?
if [[ -f $work/pytest.xml ]]; then
  # Counts from the JUnit report: tests, failures, errors, skipped (xfail counts as skipped there).
  read -r tests fails errors skips < <("$venv/bin/python" - "$work/pytest.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root)
total = lambda k: sum(int(s.get(k, 0)) for s in suites)
print(total("tests"), total("failures"), total("errors"), total("skipped"))
PY
  )
  passed=$((passed + tests - fails - errors - skips))
  failed=$((failed + fails + errors))
  ((fails + errors)) && failures+=("pytest ($((fails + errors)))")
fi
if ((pytest_rc != 0)) && ! ((${#failures[@]})); then
  failed=$((failed + 1)); failures+=("pytest (exit $pytest_rc)")
fi

# ---- 5. editors --------------------------------------------------------------------------------------------
# run_editor NAME SCRIPT: the script prints `PASS check` / `FAIL check: why` lines; each counts once, and a
# non-zero exit with no FAIL line counts as one failure.
run_editor() {
  local name=$1 script=$2 t output rc p f
  t=$(now)
  output=$(bash "$script" "$work/$name" 2>&1)
  rc=$?
  printf '%s\n' "$output"
  p=$(grep -c '^PASS ' <<<"$output")
  f=$(grep -c '^FAIL ' <<<"$output")
  if ((rc != 0 && f == 0)); then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  ((f)) && failures+=("$name ($f)")
  say "$name: $p passed, $f failed ($(elapsed "$t") s)"
}

run_editor neovim "$here/neovim/run.sh"
run_editor neovim-lenses "$here/neovim/lenses.sh"
run_editor emacs "$here/emacs/run.sh"
run_editor vim-ale "$here/vim-ale/run.sh"
run_editor editors "$here/editors/run.sh"

# ---- 6. summary --------------------------------------------------------------------------------------------
((${#failures[@]})) && say "failed: ${failures[*]}"
printf 'e2e: %d passed, %d failed\n' "$passed" "$failed"
((failed == 0))
