#!/usr/bin/env bash
# scripts/demo.sh — the README's "main job": builds mercator (release) and runs it on examples/atlas.hcl, then
# inspects the example SQLite project live.
#
#   bash scripts/demo.sh
#
# Needs Swift; apt-installs what is missing first (the database client libraries the build links: pkg-config,
# libpq-dev, libmariadb-dev, libsqlite3-dev; and sqlite3, to build the example database). It runs:
#   mercator parse examples/atlas.hcl          syntax diagnostics (none expected: exit 0)
#   mercator check examples/atlas.hcl          syntax and atlas.hcl structure diagnostics (none expected: exit 0)
#   mercator fmt --check examples/atlas.hcl    formatting check (already canonical: exit 0)
# and, to show what diagnostics and formatting look like, the same commands on a broken, a misconfigured and a badly
# formatted copy in a temporary directory (exit 1 expected there). Then the live inspect: a SQLite file is built
# from examples/sqlite/schema.sql in the temporary directory and
#   mercator check examples/sqlite/atlas.hcl
#   mercator inspect -c examples/sqlite/atlas.hcl --env local --var db_file=<that file>
# prints its schema as Atlas HCL (what `atlas schema inspect --env local` prints); no server is needed.
# SWIFT_FLAGS (word-split) is passed to `swift build`, e.g. SWIFT_FLAGS="--scratch-path .build-demo";
# MERCATOR=/path/to/mercator skips the build and uses that binary.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
say() { printf '\n[demo] %s\n' "$*" >&2; }
die() { printf '[demo] error: %s\n' "$*" >&2; exit 1; }
[[ -n ${MERCATOR:-} ]] || command -v swift >/dev/null || die "swift is not on PATH."

# shellcheck source=lib/apt.sh
source "$repo/scripts/lib/apt.sh"
# The build links the database client libraries (Package.swift); sqlite3 builds the example database.
ensure_apt_packages pkg-config libpq-dev libmariadb-dev libsqlite3-dev sqlite3 \
  || die "could not install the database client libraries"

if [[ -n ${MERCATOR:-} ]]; then
  bin=$MERCATOR
else
  read -r -a swift_flags <<<"${SWIFT_FLAGS:-}"
  say "swift build -c release --product mercator ${swift_flags[*]}"
  swift build -c release --product mercator "${swift_flags[@]}"
  bin="$(swift build -c release --show-bin-path "${swift_flags[@]}")/mercator"
fi
[[ -x $bin ]] || die "no mercator binary at $bin"

help=$("$bin" --help 2>&1 || true)
if ! grep -qw parse <<<"$help" || ! grep -qw fmt <<<"$help"; then
  die "this mercator has no 'parse'/'fmt' subcommands yet (see README.md: the CLI is being built)."
fi

example=examples/atlas.hcl
# run EXPECTED_STATUS CMD...: runs CMD, shows its output and status, fails the demo if the status differs.
run() {
  local want=$1; shift
  say "\$ mercator ${*}"
  local status=0
  "$bin" "$@" || status=$?
  printf '[demo] exit status %d (expected %d)\n' "$status" "$want" >&2
  ((status == want)) || die "mercator $* exited with $status, expected $want"
}

run 0 parse "$example"
run 0 check "$example"
run 0 fmt --check "$example"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A syntax error: an unclosed block and an attribute without a value.
sed -e 's/^  dev     = local.dev_url$/  dev     =/' -e '$d' "$example" >"$work/broken.hcl"
# Misconfigured: misspelt attributes, which Atlas rejects or ignores (did-you-mean in the message).
sed -e 's/^  type *= string$/  typ         = string/' -e '0,/^    dir = /s//    dirr = /' "$example" \
  >"$work/misconfigured.atlas.hcl"
# Badly formatted: the first blocks lose their indentation and alignment.
sed -e '1,30{s/  *= / = /;s/^  *//}' "$example" >"$work/messy.hcl"
cd "$work"
run 1 parse broken.hcl
run 1 check misconfigured.atlas.hcl
run 1 fmt --check --diff messy.hcl
cd "$repo"

# The live inspect: an embedded SQLite database built from the example project's SQL.
say "\$ sqlite3 $work/shop.db < examples/sqlite/schema.sql"
sqlite3 "$work/shop.db" <examples/sqlite/schema.sql || die "could not build the example database"
run 0 check examples/sqlite/atlas.hcl
run 0 inspect -c examples/sqlite/atlas.hcl --env local --var "db_file=$work/shop.db"
say "done: $example parses cleanly, passes the atlas.hcl checks and is formatted canonically; the example SQLite
       project's live schema is printed above as Atlas HCL."
