#!/usr/bin/env bash
# Benchmarks/analysis.sh — in-process timings of the full atlas.hcl analysis (parse, project model, evaluation and
# every check: what the server runs after an edit) on a generated ~1,000-line atlas.hcl and a 1 MiB one, with the
# parse alone in the same run for scale.
#
#   bash Benchmarks/analysis.sh
#
# Environment: BENCH_RUNS (default 200). Files go to .build-bench/. Builds `mercator-bench` in release mode.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
out="$repo/.build-bench"
mkdir -p "$out"
python3 Benchmarks/generate-atlas-hcl.py 27KiB -o "$out/atlas-1k-lines.hcl" >&2
python3 Benchmarks/generate-atlas-hcl.py 1MiB -o "$out/atlas-1mib.hcl" >&2
swift build -c release --product mercator-bench >&2
bench="$(swift build -c release --show-bin-path)/mercator-bench"
"$bench" --runs "${BENCH_RUNS:-200}" "$out/atlas-1k-lines.hcl" "$out/atlas-1mib.hcl"
