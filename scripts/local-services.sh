#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL and Redis on loopback for the multi-replica
# backend (app-config.replicas.yaml), its integration tests and bench/load.
# Both come from Debian's packages (postgresql, redis-server); data lives in
# $EKS_PLATFORM_SERVICES_DIR (default /tmp/eks-platform-services) and is not kept.
#
#   scripts/local-services.sh start   # prints the environment variables to export
#   scripts/local-services.sh stop
set -euo pipefail

dir=${EKS_PLATFORM_SERVICES_DIR:-/tmp/eks-platform-services}
pg_port=${POSTGRES_PORT:-5433}
redis_port=${REDIS_PORT:-6380}
# Local only, loopback only: the password keeps the config identical to production's.
pg_user=backstage
pg_password=backstage

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$pg_bin" ] || ! command -v redis-server >/dev/null; then
  echo "needs Debian's postgresql and redis-server packages:" >&2
  echo "  apt-get install -y postgresql redis-server" >&2
  exit 1
fi

# PostgreSQL refuses to run as root; Debian's package creates the postgres user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  if [ ! -s "$dir/pg/PG_VERSION" ]; then
    as_pg bash -c "umask 077; echo '$pg_password' > '$dir/pwfile'"
    as_pg "$pg_bin/initdb" -D "$dir/pg" -U "$pg_user" --pwfile="$dir/pwfile" \
      --auth=scram-sha-256 --encoding=UTF8 >"$dir/initdb.log"
  fi
  if ! as_pg "$pg_bin/pg_ctl" -D "$dir/pg" status >/dev/null 2>&1; then
    # Each replica holds a pool per plugin: allow a few replicas' worth.
    as_pg "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/postgres.log" -w start \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir -c max_connections=400 -c fsync=off" >/dev/null
  fi
  if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  cat <<EOF
export POSTGRES_HOST=127.0.0.1
export POSTGRES_PORT=$pg_port
export POSTGRES_USER=$pg_user
export POSTGRES_PASSWORD=$pg_password
export REDIS_URL=redis://127.0.0.1:$redis_port
EOF
}

stop() {
  if [ -s "$dir/pg/PG_VERSION" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$dir/pg" -m fast stop >/dev/null 2>&1 || true
  fi
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
