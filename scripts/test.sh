#!/usr/bin/env bash
# scripts/test.sh — runs every test of Mercator. THE test command (README, .ci/run).
#
#   bash scripts/test.sh [swift test args...]     e.g. bash scripts/test.sh --filter LexerOracle
#
# On a fresh Debian 12 machine with Swift it:
#   1. apt-installs what is missing: golang-go, golang-github-hashicorp-hcl-v2-dev (the reference HCL library), and
#      the database client libraries the build links (libpq-dev, libmariadb-dev, libsqlite3-dev, pkg-config);
#   2. builds the reference tools into .build-tools/ (skipped when up to date):
#        .build-tools/hcl-oracle   from ../shared/tools/hcl-oracle   (hclwrite.Format, hclsyntax diagnostics)
#        .build-tools/hcl-tokens   from tools/hcl-tokens             (hclsyntax's token stream)
#      and exports HCL_ORACLE and HCL_TOKENS with their absolute paths;
#   3. creates .venv-aws/ (moto[server] from PyPI, for the AWSAuth tests) when missing; starts private PostgreSQL 15
#      (TLS on) and MariaDB servers on 127.0.0.1 with scripts/db-servers.sh (apt-installs them when missing, reuses
#      running ones, leaves them running; `bash scripts/db-servers.sh stop` stops them) and exports the
#      MERCATOR_TEST_POSTGRES_URL / MERCATOR_TEST_MARIADB_URL / MERCATOR_TEST_DB_CA it writes to .build-db/env;
#      then runs `swift build` and `swift test` (extra arguments go to `swift test`);
#   4. runs the end-to-end tests of the built `mercator serve --stdio` with real LSP clients (pytest-lsp, headless
#      Neovim, Emacs + eglot, Vim + ALE, through the integrations in editors/): Tests/EndToEnd/run.sh, which
#      apt-installs neovim emacs-nox elpa-eglot vim vim-ale python3-venv and creates .venv-e2e/ (pytest, pytest-lsp
#      from PyPI) when missing. MERCATOR_E2E=0 skips this step.
# SWIFT_FLAGS (word-split) is passed to the swift commands, e.g. SWIFT_FLAGS="--scratch-path .build-ci".
# Exits non-zero on any failure.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
shared="$repo/../shared"
tools="$repo/.build-tools"

say() { printf '[test.sh] %s\n' "$*" >&2; }
die() { printf '[test.sh] error: %s\n' "$*" >&2; exit 1; }

if [[ ! -d $shared ]]; then
  die "$shared is missing. It must sit beside the repository (conformance data, reference tools); see README.md."
fi
[[ -x $shared/tools/hcl-oracle/build ]] || die "$shared/tools/hcl-oracle/build is missing or not executable."
[[ -d $shared/conformance ]] || die "$shared/conformance is missing."
command -v swift >/dev/null || die "swift is not on PATH."

# ---- 1. apt packages ---------------------------------------------------------------------------------------
# shellcheck source=lib/apt.sh
source "$repo/scripts/lib/apt.sh"
ensure_apt_packages golang-go golang-github-hashicorp-hcl-v2-dev || die "could not install the reference HCL library"
# DatabaseInspection's system libraries (Package.swift): without them `swift build` cannot find the C headers.
ensure_apt_packages pkg-config libpq-dev libmariadb-dev libsqlite3-dev || die "could not install the database client libraries"

# ---- 2. reference tools ------------------------------------------------------------------------------------
mkdir -p "$tools"
# up_to_date OUT SRC...: OUT exists and is newer than every SRC.
up_to_date() {
  local out=$1; shift
  [[ -x $out ]] || return 1
  local src
  for src in "$@"; do [[ $out -nt $src ]] || return 1; done
}

oracle="$tools/hcl-oracle"
if up_to_date "$oracle" "$shared/tools/hcl-oracle/build" "$shared/tools/hcl-oracle/main.go"; then
  say "hcl-oracle is up to date"
else
  say "building $oracle"
  "$shared/tools/hcl-oracle/build" "$oracle.tmp" >/dev/null || die "building hcl-oracle failed"
  mv -f "$oracle.tmp" "$oracle"
fi

tokens="$tools/hcl-tokens"
if up_to_date "$tokens" "$repo/tools/hcl-tokens/main.go"; then
  say "hcl-tokens is up to date"
else
  say "building $tokens"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cp "$repo/tools/hcl-tokens/main.go" "$work/"
  (cd "$work" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$work/cache" go build -o "$tokens.tmp" .) \
    || die "building hcl-tokens failed"
  mv -f "$tokens.tmp" "$tokens"
  rm -rf "$work"
  trap - EXIT
fi

export HCL_ORACLE="$oracle" HCL_TOKENS="$tokens"
say "HCL_ORACLE=$HCL_ORACLE"
say "HCL_TOKENS=$HCL_TOKENS"

# ---- 3. Swift ------------------------------------------------------------------------------------------------
# The AWSAuth tests start moto's server from .venv-aws/ (and fail, rather than install it, when CI is set).
say "scripts/aws-test-venv.sh"
bash "$repo/scripts/aws-test-venv.sh" >/dev/null || die "could not create .venv-aws (moto[server] from PyPI)"
# The database tests connect to these servers; without their URLs the tests fail when CI is set, else skip.
say "scripts/db-servers.sh"
# shellcheck source=db-servers.sh
source "$repo/scripts/db-servers.sh" start || die "could not start the test database servers (scripts/db-servers.sh)"
say "MERCATOR_TEST_POSTGRES_URL=$(sed -E 's#(://[^:/@]*:)[^@]*@#\1****@#' <<<"$MERCATOR_TEST_POSTGRES_URL")"
say "MERCATOR_TEST_MARIADB_URL=$(sed -E 's#(://[^:/@]*:)[^@]*@#\1****@#' <<<"$MERCATOR_TEST_MARIADB_URL")"
read -r -a swift_flags <<<"${SWIFT_FLAGS:-}"
say "swift build ${swift_flags[*]}"
swift build "${swift_flags[@]}"
swift_rc=0
if (($#)); then
  say "swift test ${swift_flags[*]} $*"
  swift test "${swift_flags[@]}" "$@" || swift_rc=$?
else
  # The AWSAuth tests check that every credential fault ends within 2 s. Inside the whole suite, CPU-bound tests hold
  # Swift's cooperative threads (two on this machine) and an async test can wait a minute to be scheduled, so they
  # run on their own afterwards, where MERCATOR_STRICT_TIMING=1 makes the 2 s bound strict.
  say "swift test ${swift_flags[*]} --skip AWSAuthTests"
  swift test "${swift_flags[@]}" --skip AWSAuthTests || swift_rc=$?
  say "MERCATOR_STRICT_TIMING=1 swift test ${swift_flags[*]} --filter AWSAuthTests"
  MERCATOR_STRICT_TIMING=1 swift test "${swift_flags[@]}" --filter AWSAuthTests || swift_rc=$?
fi
((swift_rc == 0)) || say "swift test failed (exit $swift_rc); running the end-to-end tests all the same"

# ---- 4. End-to-end tests over stdio with real clients --------------------------------------------------------
e2e_rc=0
if [[ ${MERCATOR_E2E:-1} == 0 ]]; then
  say "MERCATOR_E2E=0: end-to-end tests skipped"
else
  MERCATOR_BIN="${MERCATOR_BIN:-$(swift build --show-bin-path "${swift_flags[@]}")/mercator}"
  export MERCATOR_BIN
  say "Tests/EndToEnd/run.sh (MERCATOR_BIN=$MERCATOR_BIN)"
  bash "$repo/Tests/EndToEnd/run.sh" || e2e_rc=$?
fi

((swift_rc == 0)) || die "swift test failed (exit $swift_rc)"
((e2e_rc == 0)) || die "end-to-end tests failed (exit $e2e_rc)"
say "all tests passed"
