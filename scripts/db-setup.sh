#!/usr/bin/env bash
# Makes a PostgreSQL with pgvector available for the tests and the demo, and prints the DATABASE_URL.
# Idempotent: when everything is already there it only checks (well under 3 s).
#
# Paths, tried in order (the one taken is printed):
#   ready      - the running cluster already has the `vector` extension
#   package    - apt-get install postgresql-<major>-pgvector (exists for the running major)
#   build      - build pgvector from Debian trixie's source package against postgresql-server-dev-<major>
#   side-by-side - headers for the running major are missing: install the distribution's PostgreSQL with
#                its pgvector package as a second cluster on its own port (5433)
#
# Stdout carries exactly one line: DATABASE_URL=...   Progress goes to stderr.
set -euo pipefail

DB_NAME="${PRISMA_AI_TEST_DB:-prisma_ai_test}"
SIDE_PORT="${PRISMA_AI_SIDE_PORT:-5433}"

log() { printf 'db-setup: %s\n' "$*" >&2; }
fail() { printf 'db-setup: %s\n' "$*" >&2; exit 1; }

if [ -n "${DATABASE_URL:-}" ] && [ -z "${PRISMA_AI_DB_SETUP_FORCE:-}" ]; then
  # The user brings a database: only check that pgvector is usable there.
  if psql "$DATABASE_URL" -Atqc "select 1 from pg_available_extensions where name = 'vector'" 2>/dev/null | grep -q 1; then
    log "using DATABASE_URL from the environment (pgvector available)"
    echo "DATABASE_URL=$DATABASE_URL"
    exit 0
  fi
  fail "DATABASE_URL is set but that database is unreachable or has no pgvector; install pgvector >= 0.8 there, or unset DATABASE_URL to let this script set up the local cluster."
fi

command -v psql >/dev/null || fail "psql is not installed; install PostgreSQL (apt-get install postgresql) or set DATABASE_URL to a Postgres with pgvector."

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
apt_updated=""
apt_update_once() { [ -n "$apt_updated" ] || { log "apt-get update"; apt-get update -qq >&2; apt_updated=1; }; }
has_apt_package() { apt-cache show "$1" >/dev/null 2>&1; }

# 1. A running cluster: start the newest installed one if it is stopped.
cluster_line() { pg_lsclusters --no-header 2>/dev/null | awk -v p="$1" '$3 == p'; }
start_cluster() { # version name
  log "starting PostgreSQL cluster $1/$2"
  pg_ctlcluster --skip-systemctl-redirect "$1" "$2" start >&2 || pg_ctlcluster "$1" "$2" start >&2
}
# Loopback connections without a password, as on the machine's own cluster: the side-by-side cluster may be the
# one the distribution's package created itself (with password auth), and it serves only local tests.
trust_loopback() { # port
  local line; line="$(cluster_line "$1")"
  [ -n "$line" ] || return 0
  set -- $line
  local hba="/etc/postgresql/$1/$2/pg_hba.conf"
  [ -f "$hba" ] || return 0
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    log "trusting loopback connections on cluster $1/$2 (test-only cluster)"
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    if [ "$4" = online ]; then pg_ctlcluster --skip-systemctl-redirect "$1" "$2" reload >&2 || pg_ctlcluster "$1" "$2" reload >&2; fi
  fi
}
ensure_running() { # port
  local line; line="$(cluster_line "$1")"
  [ -n "$line" ] || return 1
  set -- $line
  [ "$4" = online ] || start_cluster "$1" "$2"
  for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p "$3" && return 0; sleep 0.1; done
  fail "PostgreSQL $1/$2 on port $3 did not become ready; see /var/log/postgresql/postgresql-$1-$2.log."
}

PORT=5432
ensure_running "$PORT" || fail "no PostgreSQL cluster on port $PORT; install one (apt-get install postgresql) or set DATABASE_URL."
MAJOR="$(as_postgres psql -h 127.0.0.1 -p "$PORT" -U postgres -Atqc 'show server_version_num' | cut -c1-2)"

vector_available() { as_postgres psql -h 127.0.0.1 -p "$1" -U postgres -Atqc "select 1 from pg_available_extensions where name = 'vector'" | grep -q 1; }

# 2. The vector extension for the running major.
path="ready"
if ! vector_available "$PORT" && [ -n "$(cluster_line "$SIDE_PORT")" ]; then
  # An earlier run set up the side-by-side cluster: use it again.
  trust_loopback "$SIDE_PORT"
  ensure_running "$SIDE_PORT"
  if vector_available "$SIDE_PORT"; then PORT="$SIDE_PORT"; path="side-by-side (existing)"; fi
fi
if ! vector_available "$PORT"; then
  [ "$(id -u)" = 0 ] || fail "pgvector is missing for PostgreSQL $MAJOR and installing it needs root; run this script as root or install postgresql-$MAJOR-pgvector."
  apt_update_once
  if has_apt_package "postgresql-$MAJOR-pgvector"; then
    path="package"
    log "installing postgresql-$MAJOR-pgvector"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$MAJOR-pgvector" >&2
  elif has_apt_package "postgresql-server-dev-$MAJOR"; then
    path="build"
    log "building pgvector from Debian trixie's source package against postgresql-server-dev-$MAJOR"
    src_list=/etc/apt/sources.list.d/prisma-ai-trixie-src.sources
    if [ ! -f "$src_list" ]; then
      printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' > "$src_list"
      apt_updated=""; apt_update_once
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-server-dev-$MAJOR" dpkg-dev make gcc >&2
    work="$(mktemp -d)"
    (cd "$work" && apt-get source -qq --download-only pgvector >&2 && dpkg-source -x --no-check ./pgvector_*.dsc src >&2 \
      && cd src && make -s PG_CONFIG="/usr/lib/postgresql/$MAJOR/bin/pg_config" OPTFLAGS="" >&2 \
      && make -s install PG_CONFIG="/usr/lib/postgresql/$MAJOR/bin/pg_config" >&2) \
      || fail "building pgvector failed (see the output above); install pgvector >= 0.8 by hand or set DATABASE_URL to a Postgres that has it."
    rm -rf "$work"
  else
    # No headers for this major (e.g. PostgreSQL 15 on Debian 13): run the distribution's PostgreSQL beside it.
    path="side-by-side"
    dist_major="$(apt-cache search --names-only '^postgresql-[0-9]+-pgvector$' | sed -E 's/^postgresql-([0-9]+)-pgvector.*/\1/' | sort -n | tail -1)"
    [ -n "$dist_major" ] || fail "no pgvector package and no postgresql-server-dev-$MAJOR in this distribution; install pgvector >= 0.8 by hand or set DATABASE_URL."
    log "no headers for PostgreSQL $MAJOR: installing PostgreSQL $dist_major with pgvector on port $SIDE_PORT"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$dist_major" "postgresql-$dist_major-pgvector" >&2
    if [ -z "$(cluster_line "$SIDE_PORT")" ]; then
      pg_createcluster "$dist_major" prisma_ai --port "$SIDE_PORT" -- --auth-local=trust --auth-host=trust >&2
    fi
    PORT="$SIDE_PORT"
    trust_loopback "$PORT"
    ensure_running "$PORT"
  fi
  vector_available "$PORT" || fail "pgvector is still not available after the '$path' install; check the output above."
fi
log "pgvector: $path (PostgreSQL $(as_postgres psql -h 127.0.0.1 -p "$PORT" -U postgres -Atqc 'show server_version'), port $PORT)"

# 3. The test database, with the extension created once so tests need no superuser rights.
if ! as_postgres psql -h 127.0.0.1 -p "$PORT" -U postgres -Atqc "select 1 from pg_database where datname = '$DB_NAME'" | grep -q 1; then
  as_postgres psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "create database \"$DB_NAME\"" >&2
fi
as_postgres psql -h 127.0.0.1 -p "$PORT" -U postgres -d "$DB_NAME" -qc "create extension if not exists vector" >&2 2>/dev/null || true

echo "DATABASE_URL=postgresql://postgres@127.0.0.1:$PORT/$DB_NAME"
