#!/usr/bin/env bash
# Emacs 28 --batch with eglot against `mercator serve --stdio`: diagnostics on a broken atlas.hcl (and their clearing
# after an incremental fix), formatting (eglot-format-buffer) compared with the reference output, and on
# examples/atlas.hcl a rename (eglot-rename), a quick fix (eglot-code-actions) and a code lens run (atlas-hcl-lens).
# The mode and eglot entry are the shipped editors/emacs/atlas-hcl.el.
#   MERCATOR_BIN=… bash Tests/EndToEnd/emacs/run.sh [WORKDIR]
# Prints `PASS name` / `FAIL name: why` per check; exits non-zero on any failure.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fixtures="$here/../fixtures"
: "${MERCATOR_BIN:?MERCATOR_BIN must be set}"
command -v emacs >/dev/null || { echo "FAIL emacs-eglot: emacs is not installed"; exit 1; }
work=${1:-$(mktemp -d)}
mkdir -p "$work"
cp "$fixtures/broken.hcl" "$fixtures/unformatted.hcl" "$fixtures/unformatted.formatted.hcl" "$work/"
cp "$here/../../../examples/atlas.hcl" "$work/atlas.hcl"
out="$work/results.txt"
# eglot's own messages go to stderr (kept in emacs.log); the checks print on stdout.
E2E_DIR="$work" E2E_EDITORS="$here/../../../editors" HOME="$work" timeout 60 emacs --batch -l "$here/check.el" >"$out" 2>"$work/emacs.log" </dev/null
rc=$?
if [[ -s $out ]]; then cat "$out"; else echo "FAIL emacs-eglot: no results (exit $rc)"; fi
if ((rc != 0)) || grep -q '^FAIL' "$out" 2>/dev/null; then
  [[ -s $work/emacs.log ]] && sed 's/^/  emacs: /' "$work/emacs.log" | tail -30
  exit 1
fi
