#!/usr/bin/env bash
# Stops the Chroma server that start-chroma.sh started for DIR (by the pid it wrote), if running.
# usage: scripts/chroma/stop-chroma.sh [--path DIR]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
data="$repo/.cache/chroma-data"
while [ $# -gt 0 ]; do
  case "$1" in
    --path) data="$2"; shift 2 ;;
    *) echo "stop-chroma: unknown argument $1" >&2; exit 2 ;;
  esac
done
pidfile="$data/chroma.pid"
[ -f "$pidfile" ] || exit 0
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
  # `chroma run` blocks SIGTERM and its SIGINT handler never runs (node's thread sits in the native
  # server call), so a polite signal is given a moment and then SIGKILL ends it. Its SQLite store
  # is journaled; a test server loses nothing it had acknowledged.
  kill "$pid"
  for _ in $(seq 1 8); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
fi
rm -f "$pidfile"
