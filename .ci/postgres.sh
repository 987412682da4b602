#!/usr/bin/env bash
# Start Debian's PostgreSQL and create the test role and database (idempotent; run as root).
#   bash .ci/postgres.sh
#   export EVENTWIRE_TEST_PG=postgresql+psycopg://eventwire:eventwire@127.0.0.1:5432/eventwire_test
set -euo pipefail

version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_ctlcluster "$version" main status >/dev/null 2>&1; then
  pg_ctlcluster "$version" main start || service postgresql start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432

as_postgres() { su postgres -c "$*"; }
if ! as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'eventwire'\"" | grep -q 1; then
  as_postgres "psql -q -v ON_ERROR_STOP=1 -c \"CREATE ROLE eventwire LOGIN PASSWORD 'eventwire'\""
fi
if ! as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'eventwire_test'\"" | grep -q 1; then
  # C collation: string ordering the same as SQLite's (byte order), so both backends sort alike.
  as_postgres "createdb -O eventwire -T template0 -E UTF8 --locale=C eventwire_test"
fi
echo "PostgreSQL $version ready: eventwire_test on 127.0.0.1:5432"
