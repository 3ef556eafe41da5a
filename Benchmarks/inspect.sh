#!/usr/bin/env bash
# Benchmarks/inspect.sh — live inspection of a generated PostgreSQL database of 1,000 tables × 10 columns (issue 6,
# acceptance 4): `mercator inspect --url` against `pg_dump --schema-only` on the same database in the same run, and
# the catalog queries for 10 and for 1,000 tables.
#
#   bash Benchmarks/inspect.sh
#
# What it does:
#   1. starts the private test servers (scripts/db-servers.sh: PostgreSQL 15 with TLS on 127.0.0.1) and creates
#      mercator_bench_10 and mercator_bench_1000 from Benchmarks/generate-postgres-schema.py (again only when the
#      generator changed: the database comment holds the SQL's hash);
#   2. builds `mercator` as we would ship it (release, --static-swift-stdlib, --scratch-path .build-static, as
#      Benchmarks/run.sh and token.sh do) and `mercator-inspect-bench` beside it;
#   3. checks the output: `mercator inspect` prints one `table` block per table (10 and 1,000), and pg_dump one
#      CREATE TABLE per table;
#   4. prints, in process (mercator-inspect-bench), the number of catalog queries and the time per phase for both;
#   5. alternates the two whole processes on the 1,000-table database (and then on the 10-table one), BENCH_RUNS
#      times each, the order swapped every round so that a change in the machine's load hits both, and prints
#      medians, p95 and the ratio. Wall time from fork to exit, output to /dev/null: what a user waits for.
#
# Both clients connect the same way: the URL of .build-db/env (TCP to 127.0.0.1, user `mercator`, password
# authentication, sslmode=require), and pg_dump is the server's own version (/usr/lib/postgresql/15/bin).
#
# Environment: BENCH_RUNS (default 15), BENCH_INPROCESS_RUNS (default 10), MERCATOR (use this binary instead of
# building one), SWIFT_FLAGS (replaces "--static-swift-stdlib --scratch-path .build-static").
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
say() { printf '[inspect-bench] %s\n' "$*" >&2; }
die() { printf '[inspect-bench] error: %s\n' "$*" >&2; exit 1; }

# ---- servers and databases ----------------------------------------------------------------------------------------
# shellcheck source=../scripts/lib/apt.sh
source "$repo/scripts/lib/apt.sh"
# libcurl4-openssl-dev: a statically linked FoundationNetworking (AWSAuth) links -lcurl.
ensure_apt_packages libcurl4-openssl-dev || die "could not install libcurl4-openssl-dev"
bash scripts/db-servers.sh start
set -a
# shellcheck disable=SC1091
source "$repo/.build-db/env"
set +a
pgbin=/usr/lib/postgresql/15/bin
[[ -x $pgbin/pg_dump && -x $pgbin/psql ]] || die "$pgbin/pg_dump is missing (package postgresql-client-15)"
# postgres://user:password@127.0.0.1:PORT/mercator_test?sslmode=require → the server part and the query.
server=${MERCATOR_TEST_POSTGRES_URL%%\?*}
server=${server%/*}
query=${MERCATOR_TEST_POSTGRES_URL#*\?}
url_of() { printf '%s/%s?%s' "$server" "$1" "$query"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tables in 10 1000; do
  db=mercator_bench_$tables
  python3 Benchmarks/generate-postgres-schema.py "$tables" >"$work/$db.sql"
  hash=$(sha256sum "$work/$db.sql" | cut -c1-16)
  have=$("$pgbin/psql" -X -q -t -A "$(url_of postgres)" \
    -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$db'")
  if [[ $have == "generated $hash" ]]; then
    say "$db is up to date (generator $hash)"
    continue
  fi
  say "creating $db ($tables tables, generator $hash)"
  "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 "$(url_of postgres)" \
    -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 "$(url_of "$db")" -f "$work/$db.sql" >/dev/null
  # ANALYZE as a live database would have been; the comment marks the database as made by this generator.
  # (the shared catalogs, which only a superuser may analyze, are skipped without a warning for each).
  "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 "$(url_of "$db")" -c "SET client_min_messages = error" -c "ANALYZE" \
    -c "COMMENT ON DATABASE $db IS 'generated $hash'" >/dev/null
done
url10=$(url_of mercator_bench_10)
url1000=$(url_of mercator_bench_1000)

# ---- build ------------------------------------------------------------------------------------------------------------
read -r -a swift_flags <<<"${SWIFT_FLAGS:---static-swift-stdlib --scratch-path .build-static}"
say "swift build -c release ${swift_flags[*]} (mercator, mercator-inspect-bench)"
swift build -c release "${swift_flags[@]}" --product mercator-inspect-bench >&2
bin=$(swift build -c release "${swift_flags[@]}" --show-bin-path)
bench=$bin/mercator-inspect-bench
if [[ -n ${MERCATOR:-} ]]; then
  mercator=$MERCATOR
else
  swift build -c release "${swift_flags[@]}" --product mercator >&2
  mercator=$bin/mercator
fi

# ---- the outputs are right before they are timed ------------------------------------------------------------------
for tables in 10 1000; do
  url=$(url_of "mercator_bench_$tables")
  "$mercator" inspect --url "$url" >"$work/mercator-$tables.hcl" || die "mercator inspect failed on $tables tables"
  "$pgbin/pg_dump" --schema-only --dbname="$url" >"$work/pg_dump-$tables.sql" || die "pg_dump failed on $tables tables"
  ours=$(grep -c '^table "' "$work/mercator-$tables.hcl" || true)
  theirs=$(grep -c '^CREATE TABLE ' "$work/pg_dump-$tables.sql" || true)
  keys=$(grep -c '^  foreign_key "' "$work/mercator-$tables.hcl" || true)
  say "$tables tables: mercator prints $ours table blocks and $keys foreign keys" \
    "($(wc -c <"$work/mercator-$tables.hcl") bytes), pg_dump $theirs CREATE TABLE ($(wc -c <"$work/pg_dump-$tables.sql") bytes)"
  [[ $ours == "$tables" && $theirs == "$tables" ]] || die "expected $tables tables from both"
done

echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo "in process (mercator-inspect-bench, DatabaseInspection.measure):"
"$bench" --runs "${BENCH_INPROCESS_RUNS:-10}" "$url10" "$url1000" | sed 's/^/  /'

# ---- whole processes, interleaved -------------------------------------------------------------------------------------
runs=${BENCH_RUNS:-15}
# wall NAME COMMAND...: appends the command's wall time in ms to $work/NAME; stdout to /dev/null.
wall() {
  local name=$1 t0 t1
  shift
  t0=${EPOCHREALTIME/./}
  "$@" >/dev/null || die "$name failed"
  t1=${EPOCHREALTIME/./}
  echo "$(((t1 - t0) / 1000)).$(((t1 - t0) % 1000 / 100))" >>"$work/$name"
}
for tables in 1000 10; do
  url=$(url_of "mercator_bench_$tables")
  # Two untimed rounds first: the server's catalog pages and the binaries' pages are then in memory for both.
  for round in $(seq -1 "$runs"); do
    a=(wall "mercator-$tables" "$mercator" inspect --url "$url")
    b=(wall "pg_dump-$tables" "$pgbin/pg_dump" --schema-only --dbname="$url")
    if ((round <= 0)); then
      "${a[@]:2}" >/dev/null
      "${b[@]:2}" >/dev/null
    elif ((round % 2)); then
      "${a[@]}"
      "${b[@]}"
    else
      "${b[@]}"
      "${a[@]}"
    fi
  done
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"
python3 - "$work" "$runs" <<'PY'
import math, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
def read(name):
    return [float(line) for line in open(f"{work}/{name}")]
def p95(values):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
print(f"whole process, wall ms, {runs} interleaved runs each:")
print(f"  {'tables':>6}  {'mercator p50':>12} {'p95':>7} {'min':>7}  {'pg_dump p50':>11} {'p95':>7} {'min':>7}  {'ratio p50':>9}  {'per-round ratio p50':>19}")
for tables in (1000, 10):
    ours, theirs = read(f"mercator-{tables}"), read(f"pg_dump-{tables}")
    pairs = statistics.median(o / t for o, t in zip(ours, theirs))
    print(f"  {tables:>6}  {statistics.median(ours):>12.1f} {p95(ours):>7.1f} {min(ours):>7.1f}  "
          f"{statistics.median(theirs):>11.1f} {p95(theirs):>7.1f} {min(theirs):>7.1f}  "
          f"{statistics.median(ours) / statistics.median(theirs):>9.2f}  {pairs:>19.2f}")
print("ratio = mercator ÷ pg_dump (below 1: mercator is faster)")
PY
