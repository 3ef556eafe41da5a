#!/usr/bin/env bash
# Benchmarks/token.sh — RDS auth tokens per second, in process: our generator (mercator-token-bench, release build)
# against boto3's generate_db_auth_token in a loop, on the same three inputs, in the same run. First checks that
# both print identical tokens for a fixed signing time, then alternates the two (BENCH_PAIRS times) so a change in
# the machine's load hits both, and prints each rate and the ratio of the medians.
#
#   bash Benchmarks/token.sh
#
# Then the whole process (issue 5: median <= 30 ms): `mercator token` with flags and environment credentials against
# `aws rds generate-db-auth-token` (the AWS CLI, the same token) under hyperfine, in the same run.
#
# Environment: BENCH_PAIRS (default 3), BENCH_SWIFT_TOKENS (300000 per round), BENCH_BOTO3_TOKENS (5000 per round),
# BENCH_PROCESS_RUNS (hyperfine runs per command, default 100). boto3 and the AWS CLI go into their own virtual
# environment, .venv-token-bench/; hyperfine comes from Debian.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
venv="$repo/.venv-token-bench"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet boto3 >&2
fi
[ -x "$venv/bin/aws" ] || "$venv/bin/pip" install --quiet awscli >&2
# shellcheck source=../scripts/lib/apt.sh
source "$repo/scripts/lib/apt.sh"
# libcurl4-openssl-dev: a statically linked FoundationNetworking (AWSAuth) links -lcurl.
ensure_apt_packages hyperfine libcurl4-openssl-dev
swift build -c release --scratch-path .build-token-bench --product mercator-token-bench >&2
# The whole-process figure is for mercator as we would ship it: statically linked (as Benchmarks/run.sh builds it).
swift build -c release --static-swift-stdlib --scratch-path .build-static --product mercator >&2
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

# ---- whole process ----------------------------------------------------------------------------------------------
mercator="$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/mercator"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# AWS's documented example keys; no config files and no instance metadata, so both read the environment only.
export HOME="$home" AWS_CONFIG_FILE="$home/none" AWS_SHARED_CREDENTIALS_FILE="$home/none" AWS_EC2_METADATA_DISABLED=true
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
endpoint=mydb.c9akciq32abc.us-east-1.rds.amazonaws.com
ours=("$mercator" token --endpoint "$endpoint:5432" --username atlas --region us-east-1
  --signing-time 2024-01-02T03:04:05Z)
if ! cmp -s <(AWS_DEFAULT_REGION=us-east-1 "$venv/bin/aws" rds generate-db-auth-token --hostname "$endpoint" \
    --port 5432 --username atlas --region us-east-1 | sed 's/X-Amz-Date=[0-9TZ]*/D/; s/X-Amz-Credential=[^&]*/C/; s/X-Amz-Signature=.*/S/') \
  <("${ours[@]}" | sed 's/X-Amz-Date=[0-9TZ]*/D/; s/X-Amz-Credential=[^&]*/C/; s/X-Amz-Signature=.*/S/'); then
  echo "token.sh: mercator token and the AWS CLI print differently shaped tokens" >&2
  exit 1
fi
runs=${BENCH_PROCESS_RUNS:-100}
hyperfine --style basic --warmup 5 --runs "$runs" --export-json "$home/process.json" \
  -n "mercator token" "${ours[*]}" \
  -n "aws rds generate-db-auth-token" \
  "$venv/bin/aws rds generate-db-auth-token --hostname $endpoint --port 5432 --username atlas --region us-east-1" >&2
python3 - "$home/process.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
medians = {r["command"]: r["median"] * 1000 for r in results}
ours, aws = medians["mercator token"], medians["aws rds generate-db-auth-token"]
print(f"whole process, median of {len(results[0]['times'])}: mercator token {ours:.1f} ms, "
      f"aws rds generate-db-auth-token {aws:.1f} ms ({aws / ours:.0f}x)")
PY
