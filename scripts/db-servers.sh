#!/usr/bin/env bash
# scripts/db-servers.sh — private PostgreSQL 15 (TLS on) and MariaDB 10.11 servers on 127.0.0.1 for the database
# tests (DESIGN §4, issue 6 acceptance 3). Run by scripts/test.sh before `swift test`; also usable by hand:
#
#   bash scripts/db-servers.sh [start]  install what is missing, init (once), start (unless running), write the env file
#   bash scripts/db-servers.sh stop     stop both servers (by their pid files); data stays for the next start
#   source scripts/db-servers.sh start  same as start, and the URLs are exported into the calling shell (pass `start`:
#                                       a sourced script otherwise sees the caller's arguments)
#
# Nothing system-wide is touched: no system service is started or stopped (apt installs run under a policy-rc.d that
# forbids service starts), both servers have their own data dir, Unix socket and port under MERCATOR_DB_ROOT
# (default /tmp/mercator-db; `rm -rf` it to start over) and listen on 127.0.0.1 only. PostgreSQL runs as the
# `postgres` user (initdb/pg_ctl from /usr/lib/postgresql/15/bin), MariaDB as root (its `user = root` setting),
# which is what a CI container (root, no systemd, nothing started) allows. One self-signed certificate (CN=localhost,
# SAN localhost/127.0.0.1), made by openssl, serves both. Ports: 55432 and 53306 unless taken, else the next free one;
# the port in use is kept in MERCATOR_DB_ROOT/{pg,mysql}/port.
#
# Writes .build-db/env in the repository (KEY=VALUE lines, sourceable):
#   MERCATOR_TEST_POSTGRES_URL=postgres://mercator:…@127.0.0.1:PORT/mercator_test?sslmode=require
#   MERCATOR_TEST_MARIADB_URL=mysql://mercator:…@127.0.0.1:PORT/mercator_test
#   MERCATOR_TEST_DB_CA=…/tls/server.crt     (for sslmode=verify-full / MariaDB server-cert checks)
#   MERCATOR_TEST_DB_KEY=…/tls/server.key    (its key: the RDS stand-in of the end-to-end tests serves TLS with it)
#   MERCATOR_TEST_POSTGRES_SOCKET=…/pg/sock/.s.PGSQL.PORT  (local connections are trusted: the stand-in logs in there)
# The test password has URL-special characters on purpose; the URLs carry it percent-encoded.
# A second run with both servers up only checks them and rewrites the env file (well under a second).

_db_servers_main() {
  set -euo pipefail
  local repo
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  local root=${MERCATOR_DB_ROOT:-/tmp/mercator-db}
  local pgbin=/usr/lib/postgresql/15/bin
  local user=mercator db=mercator_test
  local pw='m3r/c+a=t%&r' pw_enc='m3r%2Fc%2Ba%3Dt%25%26r'
  local pgdir=$root/pg mydir=$root/mysql tls=$root/tls
  local pgdata=$pgdir/data pgsock=$pgdir/sock pglog=$pgdir/server.log
  local mydata=$mydir/data mysock=$mydir/mysqld.sock mycnf=$mydir/my.cnf mypid=$mydir/mysqld.pid mylog=$mydir/error.log
  local envdir=$repo/.build-db
  local t0=${EPOCHREALTIME/./}

  step() {
    local t=${EPOCHREALTIME/./}
    printf '[db-servers +%d.%03ds] %s\n' $(((t - t0) / 1000000)) $(((t - t0) / 1000 % 1000)) "$*" >&2
  }
  fail() { printf '[db-servers] error: %s\n' "$*" >&2; return 1; }
  # port_busy PORT: something accepts TCP connections on 127.0.0.1:PORT.
  port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
  # free_port PREFERRED: PREFERRED if nothing listens there, else the next port that is free.
  free_port() {
    local p=$1
    while port_busy "$p"; do p=$((p + 1)); ((p < 65535)) || return 1; done
    echo "$p"
  }
  pg_running() { [[ -f $pgdata/postmaster.pid ]] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; }
  my_running() { [[ -f $mypid ]] && kill -0 "$(cat "$mypid")" 2>/dev/null; }

  # ---- stop --------------------------------------------------------------------------------------------------
  if [[ ${1:-} == stop ]]; then
    if pg_running; then
      step "pg_ctl stop"
      runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
    fi
    if my_running; then
      local pid
      pid=$(cat "$mypid")
      step "stopping mariadbd (pid $pid)"
      kill "$pid" 2>/dev/null || true
      local _
      for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && fail "mariadbd (pid $pid) did not stop"
    fi
    rm -f "$envdir/env"
    step "stopped"
    return 0
  fi
  [[ -z ${1:-} || $1 == start ]] || fail "unknown argument '$1' (use 'start' (the default) or 'stop')"

  # ---- 1. packages (only the missing ones; no service may start during the install) --------------------------
  local need=() p
  for p in postgresql-15 postgresql-client-15 mariadb-server mariadb-client openssl; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
  done
  if ((${#need[@]})); then
    step "apt: ${need[*]}"
    # shellcheck source=lib/apt.sh
    source "$repo/scripts/lib/apt.sh"
    # Debian's maintainer scripts start the system-wide postgresql/mariadb services unless policy-rc.d says no
    # (docker images ship one that does; a bare machine may not).
    local policy=/usr/sbin/policy-rc.d made_policy=0
    if [[ ! -e $policy ]] && ((EUID == 0)); then
      printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made_policy=1
    fi
    local rc=0
    ensure_apt_packages "${need[@]}" || rc=$?
    ((made_policy)) && rm -f "$policy"
    ((rc == 0)) || fail "could not install ${need[*]}"
  fi
  [[ -x $pgbin/initdb ]] || fail "$pgbin/initdb is missing (package postgresql-15)"
  command -v mariadbd >/dev/null || [[ -x /usr/sbin/mariadbd ]] || fail "mariadbd is missing (package mariadb-server)"
  export PATH=$PATH:/usr/sbin

  # ---- 2. self-signed certificate -----------------------------------------------------------------------------
  mkdir -p "$tls"
  chmod 755 "$root"   # the postgres user must reach its data dir
  if [[ ! -f $tls/server.crt || ! -f $tls/server.key ]]; then
    step "openssl: self-signed certificate for localhost/127.0.0.1"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
      -keyout "$tls/server.key" -out "$tls/server.crt" 2>/dev/null || fail "openssl could not make a certificate"
    chmod 644 "$tls/server.crt"
  fi

  # ---- 3. PostgreSQL --------------------------------------------------------------------------------------------
  mkdir -p "$pgdir" "$pgsock"
  chown postgres:postgres "$pgdir" "$pgsock"
  if [[ ! -f $pgdata/PG_VERSION ]]; then
    step "initdb $pgdata"
    runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$pgdir/initdb.log" 2>&1 || { cat "$pgdir/initdb.log" >&2; fail "initdb failed"; }
    install -o postgres -g postgres -m 600 "$tls/server.key" "$pgdata/server.key"
    install -o postgres -g postgres -m 644 "$tls/server.crt" "$pgdata/server.crt"
    cat >>"$pgdata/postgresql.conf" <<EOF
# --- scripts/db-servers.sh (the port is given on the command line) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pgsock'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
fsync = off
EOF
  fi
  local pgport
  if pg_running; then
    pgport=$(cat "$pgdir/port")
  else
    pgport=$(free_port "$(cat "$pgdir/port" 2>/dev/null || echo 55432)") || fail "no free port for PostgreSQL"
    step "pg_ctl start (port $pgport)"
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pglog" -o "-p $pgport" -w -t 60 start >/dev/null \
      || { tail -20 "$pglog" >&2; fail "PostgreSQL did not start (log: $pglog)"; }
    echo "$pgport" >"$pgdir/port"
  fi
  # The test role and database, re-asserted on every run (cheap; repairs a run that stopped half-way).
  psql -X -q -v ON_ERROR_STOP=1 -h "$pgsock" -p "$pgport" -U postgres -d postgres >/dev/null <<SQL \
      || fail "could not create the PostgreSQL test role and database"
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
    CREATE ROLE $user LOGIN CREATEDB PASSWORD '$pw';
  ELSE
    ALTER ROLE $user LOGIN CREATEDB PASSWORD '$pw';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE $db OWNER $user' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')\gexec
SQL
  step "postgres up: pid $(head -1 "$pgdata/postmaster.pid"), port $pgport"

  # ---- 4. MariaDB -----------------------------------------------------------------------------------------------
  mkdir -p "$mydir"
  cat >"$mycnf" <<EOF
[mariadbd]
user = root
datadir = $mydata
socket = $mysock
pid-file = $mypid
log-error = $mylog
bind-address = 127.0.0.1
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
ssl-cert = $tls/server.crt
ssl-key = $tls/server.key
ssl-ca = $tls/server.crt
innodb_buffer_pool_size = 64M
innodb_flush_log_at_trx_commit = 2
EOF
  if [[ ! -d $mydata/mysql ]]; then
    step "mariadb-install-db $mydata"
    mariadb-install-db --defaults-file="$mycnf" --skip-test-db >"$mydir/install-db.log" 2>&1 \
      || { cat "$mydir/install-db.log" >&2; fail "mariadb-install-db failed"; }
  fi
  local myport
  if my_running; then
    myport=$(cat "$mydir/port")
  else
    myport=$(free_port "$(cat "$mydir/port" 2>/dev/null || echo 53306)") || fail "no free port for MariaDB"
    step "mariadbd start (port $myport)"
    rm -f "$mypid"
    setsid mariadbd --defaults-file="$mycnf" --port="$myport" </dev/null >>"$mylog" 2>&1 &
    local i
    for i in $(seq 240); do
      mariadb-admin --no-defaults --socket="$mysock" -uroot ping >/dev/null 2>&1 && break
      ((i == 240)) && { tail -30 "$mylog" >&2; fail "MariaDB did not start (log: $mylog)"; }
      sleep 0.25
    done
    echo "$myport" >"$mydir/port"
  fi
  mariadb --no-defaults --socket="$mysock" -uroot <<SQL || fail "could not create the MariaDB test user and database"
CREATE DATABASE IF NOT EXISTS $db;
CREATE USER IF NOT EXISTS '$user'@'%' IDENTIFIED BY '$pw';
ALTER USER '$user'@'%' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON *.* TO '$user'@'%';
SQL
  step "mariadb up: pid $(cat "$mypid"), port $myport"

  # ---- 5. the env file -------------------------------------------------------------------------------------------
  mkdir -p "$envdir"
  MERCATOR_TEST_POSTGRES_URL="postgres://$user:$pw_enc@127.0.0.1:$pgport/$db?sslmode=require"
  MERCATOR_TEST_MARIADB_URL="mysql://$user:$pw_enc@127.0.0.1:$myport/$db"
  MERCATOR_TEST_DB_CA="$tls/server.crt"
  MERCATOR_TEST_DB_KEY="$tls/server.key"
  MERCATOR_TEST_POSTGRES_SOCKET="$pgsock/.s.PGSQL.$pgport"
  export MERCATOR_TEST_POSTGRES_URL MERCATOR_TEST_MARIADB_URL MERCATOR_TEST_DB_CA MERCATOR_TEST_DB_KEY
  export MERCATOR_TEST_POSTGRES_SOCKET
  cat >"$envdir/env.tmp" <<EOF
# written by scripts/db-servers.sh; removed by \`scripts/db-servers.sh stop\`
MERCATOR_TEST_POSTGRES_URL='$MERCATOR_TEST_POSTGRES_URL'
MERCATOR_TEST_MARIADB_URL='$MERCATOR_TEST_MARIADB_URL'
MERCATOR_TEST_DB_CA='$MERCATOR_TEST_DB_CA'
MERCATOR_TEST_DB_KEY='$MERCATOR_TEST_DB_KEY'
MERCATOR_TEST_POSTGRES_SOCKET='$MERCATOR_TEST_POSTGRES_SOCKET'
EOF
  mv -f "$envdir/env.tmp" "$envdir/env"
  step "wrote $envdir/env"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  _db_servers_main "$@"
else
  # Sourced: the work runs in a child bash (so `set -e` holds there whatever the caller's context, and the caller's
  # options stay as they were); then the URLs it wrote are exported here.
  if bash "${BASH_SOURCE[0]}" "$@"; then
    if [[ ${1:-} != stop ]]; then
      set -a
      # shellcheck disable=SC1091
      source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.build-db/env"
      set +a
    fi
    unset -f _db_servers_main
  else
    unset -f _db_servers_main
    return 1
  fi
fi
