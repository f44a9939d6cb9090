#!/usr/bin/env bash
# Fetches the public labelled corpus (Debian's sonic-pi-samples and lmms-common) into DIR with its
# manifest.csv, for tests, benchmarks and the demo library. Uses the workplace's shared script when
# present (it owns the labels); otherwise downloads the two packages with apt-get and labels them
# with test/public-manifest.csv, a copy of the shared manifest.
# Usage: scripts/fetch-corpus.sh [DIR]   (default .cache/corpus). Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:-$here/../.cache/corpus}"
shared="$here/../../shared/corpus/fetch-public.sh"
if [ -x "$shared" ]; then
  exec "$shared" "$dir"
fi
mkdir -p "$dir/debs" "$dir/root"
if [ ! -f "$dir/root/.done" ]; then
  ( cd "$dir/debs" && apt-get download sonic-pi-samples lmms-common >/dev/null 2>&1 ) || {
    echo "apt-get download failed; running apt-get update first" >&2
    apt-get update >/dev/null 2>&1 || true
    ( cd "$dir/debs" && apt-get download sonic-pi-samples lmms-common >/dev/null ); }
  for f in "$dir"/debs/*.deb; do dpkg -x "$f" "$dir/root"; done
  touch "$dir/root/.done"
fi
# The labels (a copy of the workplace's public-manifest.csv), with absolute paths.
{ head -1 "$here/../test/public-manifest.csv"; tail -n +2 "$here/../test/public-manifest.csv" | sed "s#^#$dir/root/#"; } > "$dir/manifest.csv"
echo "$dir/manifest.csv: $(( $(wc -l < "$dir/manifest.csv") - 1 )) labelled files"
