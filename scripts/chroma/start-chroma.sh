#!/usr/bin/env bash
# Starts a local Chroma server (the `chroma run` shipped by the chromadb npm package) in the background
# and waits until its heartbeat answers. Its native part needs glibc 2.38+, so node itself is started
# through Debian trixie's loader and libraries (fetch-libc.sh) — the system libc is never replaced.
# Idempotent: a server already answering on the port with our pid file is left running.
# usage: scripts/chroma/start-chroma.sh [--port 8000] [--path DIR] [--host 127.0.0.1]
# Prints the server URL on stdout; pid in DIR/chroma.pid, log in DIR/chroma.log.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
port=8000
host=127.0.0.1
data="$repo/.cache/chroma-data"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --path) data="$2"; shift 2 ;;
    --host) host="$2"; shift 2 ;;
    *) echo "start-chroma: unknown argument $1" >&2; exit 2 ;;
  esac
done
url="http://$host:$port"
mkdir -p "$data"
data="$(cd "$data" && pwd)"
pidfile="$data/chroma.pid"
log="$data/chroma.log"
node_bin="$(command -v node)"

heartbeat() {
  "$node_bin" -e "fetch(process.argv[1] + '/api/v2/heartbeat', { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$url"
}

if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && heartbeat; then
  echo "$url"
  exit 0
fi
rm -f "$pidfile"

libc="$(bash "$repo/scripts/chroma/fetch-libc.sh")"
libdir="$libc/root/usr/lib/x86_64-linux-gnu"
loader="$libdir/ld-linux-x86-64.so.2"
chroma="$repo/node_modules/.bin/chroma"
[ -e "$chroma" ] || { echo "start-chroma: $chroma not found (run npm ci)" >&2; exit 1; }
if ! "$loader" --library-path "$libdir" "$node_bin" -e 'process.exit(0)' 2>/dev/null; then
  echo "start-chroma: node does not start under the fetched libc ($loader)" >&2
  exit 1
fi

# The loader runs node in-process, so $! is the server's own pid (stop-chroma.sh signals it).
cd "$data"
nohup "$loader" --library-path "$libdir" "$node_bin" "$chroma" run --path "$data/db" --host "$host" --port "$port" \
  </dev/null >"$log" 2>&1 &
pid=$!
echo "$pid" > "$pidfile"

for _ in $(seq 1 120); do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$pidfile"
    echo "start-chroma: the server exited during start-up; last lines of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  if heartbeat; then
    echo "$url"
    exit 0
  fi
  sleep 0.5
done
echo "start-chroma: no heartbeat from $url after 60 s; last lines of $log:" >&2
tail -n 20 "$log" >&2
kill "$pid" 2>/dev/null || true
rm -f "$pidfile"
exit 1
