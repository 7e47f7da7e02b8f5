#!/usr/bin/env bash
# A local Prefect server (API, UI, scheduler) for `newsclaims serve`.
# Prefect's temporary server, which `newsclaims run` starts on its own, cannot schedule.
#
#   eval "$(scripts/prefect-server.sh start)"   # start in the background, export PREFECT_API_URL
#   newsclaims serve --cron "*/15 * * * *" /data/articles --db /data/news.duckdb
#   scripts/prefect-server.sh status
#   scripts/prefect-server.sh stop
#
# `start` prints only the export line on stdout (messages go to stderr), so eval sets the
# variable in your shell. Host/port: PREFECT_SERVER_API_HOST (127.0.0.1) and
# PREFECT_SERVER_API_PORT (4200). Server state (SQLite), its log and pid file live in
# PREFECT_HOME (~/.prefect).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefect="${PREFECT_BIN:-$here/.venv/bin/prefect}"
[ -x "$prefect" ] || prefect="$(command -v prefect)" || { echo "prefect not found: run make setup" >&2; exit 2; }
host="${PREFECT_SERVER_API_HOST:-127.0.0.1}"
port="${PREFECT_SERVER_API_PORT:-4200}"
url="http://$host:$port/api"
home="${PREFECT_HOME:-$HOME/.prefect}"
log="$home/newsclaims-prefect-server.log"
pidfile="$home/newsclaims-prefect-server.pid"
export PREFECT_SERVER_ANALYTICS_ENABLED=false

healthy() { "$(dirname "$prefect")/python" - "$url" <<'PY' 2>/dev/null || curl -fsS "$url/health" >/dev/null 2>&1
import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "/health", timeout=2).read()
PY
}

case "${1:-start}" in
  start)
    # Prefect 3.8's scheduler cannot insert scheduled runs with SQLAlchemy 2.1 (the lock pins 2.0.x)
    if ! "$(dirname "$prefect")/python" -c 'import sqlalchemy, sys; sys.exit(sqlalchemy.__version__ >= "2.1")'; then
      echo "warning: SQLAlchemy >= 2.1 in $(dirname "$prefect"): the server will accept deployments but" \
           "its scheduler will not create runs; run \`make setup\` to install the pinned 2.0.x" >&2
    fi
    if healthy; then
      echo "a Prefect server already answers at $url" >&2
    else
      mkdir -p "$home"
      # not `prefect server start --background`: that one keeps its output on pipes to a parent
      # that exits, and the server dies on its first log line
      nohup "$prefect" server start --host "$host" --port "$port" >"$log" 2>&1 </dev/null &
      echo $! >"$pidfile"
      for _ in $(seq 1 90); do healthy && break; sleep 1; done
      healthy || { echo "the Prefect server did not answer at $url within 90 s; see $log" >&2; exit 1; }
      echo "Prefect server up: UI http://$host:$port, API $url, log $log" >&2
    fi
    echo "export PREFECT_API_URL=$url"
    ;;
  stop)
    if [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null; then
      rm -f "$pidfile"
      echo "stopped the Prefect server at $url" >&2
    else
      echo "no Prefect server started by this script is running" >&2
    fi
    ;;
  status)
    if healthy; then echo "up: $url"; else echo "down: $url"; exit 1; fi
    ;;
  *)
    echo "usage: $0 [start|stop|status]" >&2
    exit 2
    ;;
esac
