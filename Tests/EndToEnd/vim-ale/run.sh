#!/usr/bin/env bash
# Headless Vim 9 with ALE (Debian's vim-ale) against `mercator serve --stdio`, through the shipped editors/vim
# (ftdetect + ALE linter definition): the syntax error of a broken atlas.hcl and an atlas.hcl check
# (unknown local) of a *.atlas.hcl file, each shown by ALE from the mercator linter.
#   MERCATOR_BIN=… bash Tests/EndToEnd/vim-ale/run.sh [WORKDIR]
# Prints `PASS name` / `FAIL name: why` per check; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fixtures="$here/../fixtures"
editors=$(cd "$here/../../../editors/vim" && pwd)
: "${MERCATOR_BIN:?MERCATOR_BIN must be set}"
command -v vim >/dev/null || { echo "FAIL vim-ale: vim is not installed"; exit 1; }
ale=/usr/share/vim/vimfiles/pack/dist-bundle/opt/ale
[[ -d $ale ]] || { echo "FAIL vim-ale: ALE is not installed ($ale; apt-get install vim-ale)"; exit 1; }
work=${1:-$(mktemp -d)}
mkdir -p "$work"
cp "$fixtures/broken.hcl" "$work/atlas.hcl"
cp "$fixtures/misspelled.atlas.hcl" "$work/"
out="$work/results.txt"
rm -f "$out"
# -es reads commands from stdin when it is not a terminal: give it /dev/null. The timeout is the backstop.
E2E_DIR="$work" E2E_OUT="$out" HOME="$work" \
  timeout 60 vim -Nu NONE -i NONE -es --cmd "set rtp^=$editors" -S "$here/check.vim" </dev/null >"$work/vim.log" 2>&1
rc=$?
if [[ -s $out ]]; then cat "$out"; else echo "FAIL vim-ale: no results (exit $rc)"; fi
if ((rc != 0)) || grep -q '^FAIL' "$out" 2>/dev/null; then
  [[ -s $work/vim.log ]] && sed 's/^/  vim: /' "$work/vim.log" | tail -20
  exit 1
fi
