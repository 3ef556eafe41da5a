#!/usr/bin/env bash
# scripts/fuzz.sh — builds the libFuzzer target for HCLSyntax (parse in all modes + format) and runs it.
#   bash scripts/fuzz.sh [SECONDS]   (default 600); corpus seeds come from ../shared/conformance and Tests/Fixtures.
# Crashes are written to fuzz-out/crash-*; see docs/FUZZING.md.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
seconds=${1:-600}
out="$repo/fuzz-out"
mkdir -p "$out/corpus" "$out/bin"
swiftc -O -sanitize=fuzzer,address -parse-as-library -package-name Mercator -module-name HCLSyntaxFuzz \
  Sources/HCLSyntax/*.swift Fuzz/HCLSyntaxFuzz.swift -o "$out/bin/hcl-syntax-fuzz"
if [[ -z $(ls -A "$out/corpus") ]]; then
  find "$repo/../shared/conformance" "$repo/Tests/Fixtures" -type f \( -name '*.hcl' -o -name '*.hcle' -o -name '*.tmpl' \) \
    -size -64k -exec cp {} "$out/corpus/" \; 2>/dev/null || true
fi
cd "$out"
./bin/hcl-syntax-fuzz -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 corpus
