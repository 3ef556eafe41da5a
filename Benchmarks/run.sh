#!/usr/bin/env bash
# Benchmarks/run.sh — whole-process timings and peak memory of `mercator parse` and `mercator fmt --check` against
# reference implementations, on a generated atlas.hcl-like file.
#
#   bash Benchmarks/run.sh
#
# Environment:
#   BENCH_SIZE   size of the generated file (default 1MiB; see generate-atlas-hcl.py)
#   BENCH_RUNS   hyperfine runs per command (default: hyperfine's own choice, at least 10)
#   MERCATOR     use this mercator binary instead of building one (swift build -c release)
#   HCL_ORACLE   hcl-oracle binary (default .build-tools/hcl-oracle, built from ../shared/tools/hcl-oracle)
#   SWIFT_FLAGS  extra flags for swift build (word-split), e.g. "--scratch-path .build-bench-swift"
#
# Compared, each as one process per run on the same file:
#   parse:  mercator parse FILE  |  hcl-oracle parse FILE (hclsyntax)  |  tree-sitter-hcl via Python (includes the
#           interpreter's start-up and imports, ~0.1 s)
#   format: mercator fmt --check FILE  |  hcl-oracle fmt < FILE (hclwrite.Format, output discarded)
# Results go to .build-bench/ (hyperfine JSON and Markdown) and a summary table with ratios is printed.
# Installs what is missing: apt hyperfine, time, python3-venv; PyPI tree-sitter, tree-sitter-hcl in .venv-bench.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
out="$repo/.build-bench"
mkdir -p "$out"
say() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

# ---- packages ----------------------------------------------------------------------------------------------
# shellcheck source=../scripts/lib/apt.sh
source "$repo/scripts/lib/apt.sh"
# libcurl4-openssl-dev: a statically linked FoundationNetworking (AWSAuth) links -lcurl.
ensure_apt_packages hyperfine time python3-venv libcurl4-openssl-dev || die "could not install the benchmark tools"

if [[ -n ${MERCATOR:-} ]]; then
  mercator=$MERCATOR
else
  # A statically linked release binary, as we would ship it: it starts in about half the time of one that loads
  # the Swift runtime and Foundation from shared libraries. SWIFT_FLAGS replaces this choice.
  read -r -a swift_flags <<<"${SWIFT_FLAGS:---static-swift-stdlib --scratch-path .build-static}"
  say "swift build -c release --product mercator ${swift_flags[*]}"
  swift build -c release --product mercator "${swift_flags[@]}" >&2
  mercator="$(swift build -c release --show-bin-path "${swift_flags[@]}")/mercator"
fi
[[ -x $mercator ]] || die "no mercator binary at $mercator"
help=$("$mercator" --help 2>&1 || true)
if ! grep -qw parse <<<"$help" || ! grep -qw fmt <<<"$help"; then
  die "$mercator has no 'parse'/'fmt' subcommands yet; nothing to benchmark."
fi

# ---- reference: hcl-oracle ---------------------------------------------------------------------------------
oracle=${HCL_ORACLE:-$repo/.build-tools/hcl-oracle}
if [[ ! -x $oracle ]]; then
  build="$repo/../shared/tools/hcl-oracle/build"
  [[ -x $build ]] || die "no hcl-oracle at $oracle and no $build to build it (set HCL_ORACLE)."
  say "building $oracle"
  mkdir -p "$(dirname "$oracle")"
  "$build" "$oracle" >/dev/null
fi

# ---- (b) the input -----------------------------------------------------------------------------------------
size=${BENCH_SIZE:-1MiB}
file="$out/atlas-$size.hcl"
python3 "$repo/Benchmarks/generate-atlas-hcl.py" "$size" -o "$file"
bytes=$(stat -c %s "$file")

# ---- (c) tree-sitter-hcl in a venv -------------------------------------------------------------------------
venv="$repo/.venv-bench"
if ! "$venv/bin/python" -c 'import tree_sitter, tree_sitter_hcl' 2>/dev/null; then
  say "python3 -m venv $venv; pip install tree-sitter tree-sitter-hcl"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check tree-sitter tree-sitter-hcl
fi
ts=("$venv/bin/python" "$repo/Benchmarks/tree_sitter_parse.py")

# ---- (d) measure -------------------------------------------------------------------------------------------
q() { printf '%q' "$1"; }
names=(mercator-parse hcl-oracle-parse tree-sitter-parse mercator-fmt-check hcl-oracle-fmt)
cmds=(
  "$(q "$mercator") parse $(q "$file")"
  "$(q "$oracle") parse $(q "$file")"
  "$(q "${ts[0]}") $(q "${ts[1]}") $(q "$file")"
  "$(q "$mercator") fmt --check $(q "$file")"
  "$(q "$oracle") fmt < $(q "$file")"
)

# Each command once, to show that it works: a non-zero status is reported, not hidden (the timings still run,
# so that a half-finished parser can be measured, but the summary marks it).
declare -A status rss
for k in "${!names[@]}"; do
  s=0
  /usr/bin/time -v -o "$out/${names[k]}.time" bash -c "${cmds[k]}" >"$out/${names[k]}.stdout" 2>"$out/${names[k]}.stderr" || s=$?
  status[${names[k]}]=$s
  # Peak RSS of the command itself: bash execs the last (only) command, so this is the tool's own maximum.
  rss[${names[k]}]=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/${names[k]}.time")
  if ((s != 0)); then
    say "warning: ${names[k]} exited with status $s: $(head -c 300 "$out/${names[k]}.stderr")"
  fi
done

say "hyperfine on $file ($bytes bytes)"
hf=(hyperfine --warmup 2 --ignore-failure --export-json "$out/hyperfine.json" --export-markdown "$out/hyperfine.md")
[[ -n ${BENCH_RUNS:-} ]] && hf+=(--runs "$BENCH_RUNS")
for k in "${!names[@]}"; do hf+=(-n "${names[k]}" "${cmds[k]}"); done
"${hf[@]}"

# ---- summary -----------------------------------------------------------------------------------------------
summary_args=()
for n in "${names[@]}"; do summary_args+=("$n=${status[$n]}:${rss[$n]:-?}"); done
python3 - "$out/hyperfine.json" "$bytes" "${summary_args[@]}" <<'PY' | tee "$out/summary.txt"
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
size = int(sys.argv[2])
info = {}
for arg in sys.argv[3:]:
    name, rest = arg.split("=", 1)
    status, rss = rest.split(":", 1)
    info[name] = (int(status), rss)
print(f"\ninput: {size} bytes ({size / 2**20:.2f} MiB)")
print(f"{'command':<20} {'mean ms':>9} {'± ms':>7} {'min ms':>9} {'MiB/s':>8} {'peak RSS MiB':>13}  status")
for name, r in results.items():
    status, rss = info.get(name, (0, "?"))
    rss_mib = f"{int(rss) / 1024:.1f}" if rss.isdigit() else "?"
    mean = r["mean"]
    print(f"{name:<20} {mean * 1e3:9.1f} {r['stddev'] * 1e3 if r['stddev'] else 0:7.1f} {r['min'] * 1e3:9.1f} "
          f"{size / 2**20 / mean:8.1f} {rss_mib:>13}  {'ok' if status == 0 else f'EXIT {status}'}")
def ratio(a, b, label):
    if a in results and b in results:
        x = results[a]["mean"] / results[b]["mean"]
        print(f"{label:<44} {x:6.2f}x  ({'mercator faster' if x > 1 else 'mercator slower'})")
print("\ntime ratios (other / mercator; > 1 means mercator is faster):")
ratio("hcl-oracle-parse", "mercator-parse", "parse: hcl-oracle (hclsyntax) / mercator")
ratio("tree-sitter-parse", "mercator-parse", "parse: tree-sitter-hcl (Python) / mercator")
ratio("hcl-oracle-fmt", "mercator-fmt-check", "format: hcl-oracle (hclwrite) / mercator")
bad = [n for n, (s, _) in info.items() if s != 0]
if bad:
    print(f"\nWARNING: non-zero exit status from {', '.join(bad)}: their numbers may not measure a full run.")
PY
say "results in $out (hyperfine.json, hyperfine.md, summary.txt)"
