#!/usr/bin/env bash
# Headless Neovim 0.7 against `mercator serve --stdio`: diagnostics on a broken atlas.hcl (and their clearing
# after an incremental fix), formatting (vim.lsp.buf.formatting_sync) compared with the reference output, on
# examples/atlas.hcl a rename (vim.lsp.buf.rename), a quick fix (vim.lsp.buf.code_action), hover and a code lens run
# (vim.lsp.codelens.run), and completion and signature help in an atlas.hcl being typed. The client is the shipped
# integration, editors/neovim (ftdetect + lua/mercator.lua), put first on the runtimepath.
#   MERCATOR_BIN=… bash Tests/EndToEnd/neovim/run.sh [WORKDIR]
# Prints `PASS name` / `FAIL name: why` per check; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fixtures="$here/../fixtures"
editors=$(cd "$here/../../../editors/neovim" && pwd)
: "${MERCATOR_BIN:?MERCATOR_BIN must be set}"
command -v nvim >/dev/null || { echo "FAIL neovim: nvim is not installed"; exit 1; }
work=${1:-$(mktemp -d)}
mkdir -p "$work"
cp "$fixtures/broken.hcl" "$fixtures/unformatted.hcl" "$fixtures/unformatted.formatted.hcl" "$work/"
cp "$here/../../../examples/atlas.hcl" "$work/atlas.hcl"
out="$work/results.txt"
rm -f "$out"
# The outer timeout is the backstop: an uncaught Lua error in --headless leaves nvim running.
E2E_DIR="$work" E2E_OUT="$out" HOME="$work" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" \
  timeout 60 nvim --headless --clean --cmd "set rtp^=$editors" -c "luafile $here/check.lua" </dev/null >"$work/nvim.log" 2>&1
rc=$?
if [[ -s $out ]]; then cat "$out"; else echo "FAIL neovim: no results (exit $rc)"; sed 's/^/  nvim: /' "$work/nvim.log"; fi
if ((rc != 0)) || grep -q '^FAIL' "$out" 2>/dev/null; then
  [[ -s $work/nvim.log ]] && sed 's/^/  nvim: /' "$work/nvim.log" | tail -20
  exit 1
fi
