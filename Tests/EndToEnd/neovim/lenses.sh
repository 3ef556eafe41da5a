#!/usr/bin/env bash
# Headless Neovim clicks Inspect schema on an atlas.hcl pointing at the RDS stand-in (lenses.lua); the stand-in
# checks the IAM token and relays to the test PostgreSQL. Needs the test servers (scripts/db-servers.sh, env
# sourced); without them it prints nothing and exits 0, except in CI where that is a failure.
#   MERCATOR_BIN=… bash Tests/EndToEnd/neovim/lenses.sh [WORKDIR]
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rds="$here/../../Fixtures/rds"
: "${MERCATOR_BIN:?MERCATOR_BIN must be set}"
if [[ -z ${MERCATOR_TEST_POSTGRES_SOCKET:-} || -z ${MERCATOR_TEST_DB_KEY:-} ]]; then
  [[ ${CI:-} == true ]] && { echo "FAIL neovim inspect schema lens: the test servers are not configured"; exit 1; }
  exit 0
fi
command -v nvim >/dev/null || { echo "FAIL neovim inspect schema lens: nvim is not installed"; exit 1; }
work=${1:-$(mktemp -d)}
mkdir -p "$work"
socket=$MERCATOR_TEST_POSTGRES_SOCKET
psql -X -q -v ON_ERROR_STOP=1 -h "$(dirname "$socket")" -p "${socket##*.}" -U mercator -d mercator_test \
  -f "$rds/setup.sql" >/dev/null || { echo "FAIL neovim inspect schema lens: psql could not build the schema"; exit 1; }
coproc STANDIN { exec python3 "$rds/rds_standin.py" --region us-east-1 --access-key AKIDSTANDINEXAMPLE=standin/secret+key=example \
  --cert "$MERCATOR_TEST_DB_CA" --key "$MERCATOR_TEST_DB_KEY" --backend-socket "$socket" --log "$work/standin.log"; }
trap 'kill "$STANDIN_PID" 2>/dev/null' EXIT
read -r ready port <&"${STANDIN[0]}"
[[ $ready == READY ]] || { echo "FAIL neovim inspect schema lens: the stand-in did not start"; exit 1; }
sed -e "s/PORT/$port/g" -e "s/USER/mercator/g" -e "s/REGION/us-east-1/g" -e "s|sslrootcert=CA|sslrootcert=$MERCATOR_TEST_DB_CA|" \
  "$rds/atlas.hcl" >"$work/atlas.hcl"
cp "$rds/expected.hcl" "$work/expected.hcl"
out="$work/results.txt"
rm -f "$out"
E2E_DIR="$work" E2E_OUT="$out" HOME="$work" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" \
  AWS_ACCESS_KEY_ID=AKIDSTANDINEXAMPLE AWS_SECRET_ACCESS_KEY=standin/secret+key=example AWS_EC2_METADATA_DISABLED=true \
  timeout 90 nvim --headless --clean -c "luafile $here/lenses.lua" </dev/null >"$work/nvim.log" 2>&1
rc=$?
if [[ -s $out ]]; then cat "$out"; else echo "FAIL neovim inspect schema lens: no results (exit $rc)"; fi
if ((rc != 0)) || grep -q '^FAIL' "$out" 2>/dev/null; then
  [[ -s $work/nvim.log ]] && sed 's/^/  nvim: /' "$work/nvim.log" | tail -20
  exit 1
fi
