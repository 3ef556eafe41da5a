#!/usr/bin/env bash
# Benchmarks/token.sh — RDS auth tokens per second, in process: our generator (mercator-token-bench, release build)
# against boto3's generate_db_auth_token in a loop, on the same three inputs, in the same run. First checks that
# both print identical tokens for a fixed signing time, then alternates the two (BENCH_PAIRS times) so a change in
# the machine's load hits both, and prints each rate and the ratio of the medians.
#
#   bash Benchmarks/token.sh
#
# Environment: BENCH_PAIRS (default 3), BENCH_SWIFT_TOKENS (300000 per round), BENCH_BOTO3_TOKENS (5000 per round).
# boto3 goes into its own virtual environment, .venv-token-bench/.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
venv="$repo/.venv-token-bench"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet boto3 >&2
fi
swift build -c release --scratch-path .build-token-bench --product mercator-token-bench >&2
bench="$(swift build -c release --scratch-path .build-token-bench --show-bin-path)/mercator-token-bench"

# Same tokens first: a benchmark of two programs that disagree would measure nothing.
if ! cmp -s <("$bench" --print-at 1704164645) <("$venv/bin/python" Benchmarks/token_boto3.py --print-at 1704164645); then
  echo "token.sh: mercator and boto3 print different tokens for the benchmark inputs" >&2
  exit 1
fi
echo "identical tokens for the 3 benchmark inputs (boto3 $("$venv/bin/python" -c 'import boto3; print(boto3.__version__)'))"

swift_rates=()
cold_rates=()
boto3_rates=()
for _ in $(seq "${BENCH_PAIRS:-3}"); do
  out=$("$bench" --rounds 5 --tokens "${BENCH_SWIFT_TOKENS:-300000}" --cold-keys)
  echo "$out"
  swift_rates+=("$(echo "$out" | sed -n '1s/^mercator: \([0-9]*\) tokens.*/\1/p')")
  cold_rates+=("$(echo "$out" | sed -n '2s/^[^:]*: \([0-9]*\) tokens.*/\1/p')")
  out=$("$venv/bin/python" Benchmarks/token_boto3.py --rounds 5 --tokens "${BENCH_BOTO3_TOKENS:-5000}")
  echo "$out"
  boto3_rates+=("$(echo "$out" | sed -n 's/^boto3 [^:]*: \([0-9]*\) tokens.*/\1/p')")
done
python3 - "${swift_rates[*]}" "${cold_rates[*]}" "${boto3_rates[*]}" <<'PY'
import statistics, sys
swift, cold, boto3 = ([float(x) for x in arg.split()] for arg in sys.argv[1:4])
s, c, b = statistics.median(swift), statistics.median(cold), statistics.median(boto3)
print(f"median of {len(swift)} runs: mercator {s:,.0f} tokens/s, mercator with the signing key derived per token "
      f"{c:,.0f} tokens/s, boto3 {b:,.0f} tokens/s")
print(f"ratio: {s / b:.1f}x faster than boto3 ({c / b:.1f}x without the signing-key cache)")
PY
