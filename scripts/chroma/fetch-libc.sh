#!/usr/bin/env bash
# Fetches Debian trixie's glibc (libc6), libstdc++6 and libgcc-s1 into .cache/chroma-libc, without
# touching the system: chroma's native server (chromadb-js-bindings-linux-x64-gnu) needs glibc 2.38+,
# which Debian 12 lacks. start-chroma.sh runs node + chroma through this libc's own loader.
# Idempotent: does nothing when the extracted loader is already there.
# usage: scripts/chroma/fetch-libc.sh [DEST]   (default: <repo>/.cache/chroma-libc)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
dest="${1:-$repo/.cache/chroma-libc}"
loader="$dest/root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
if [ -x "$loader" ]; then
  echo "$dest"
  exit 0
fi
[ "$(uname -m)" = x86_64 ] || { echo "fetch-libc: only x86_64 is supported (got $(uname -m))" >&2; exit 1; }
command -v apt-get >/dev/null || { echo "fetch-libc: apt-get not found (a Debian-family system is needed)" >&2; exit 1; }

# Reuse the mirror this machine already uses for Debian (deb822 or one-line format), with suite trixie.
mirror=""
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  mirror="$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }' "$f")"
  [ -n "$mirror" ] && break
done
if [ -z "$mirror" ]; then
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    mirror="$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:\/\/.*\/debian\/?$/) { print $i; exit } }' "$f")"
    [ -n "$mirror" ] && break
  done
fi
mirror="${mirror:-http://deb.debian.org/debian}"

work="$dest/apt"
mkdir -p "$work/sources" "$work/lists/partial" "$work/archives/partial" "$dest/debs"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
signed=""
[ -f "$keyring" ] && signed="Signed-By: $keyring"
cat > "$work/sources/trixie.sources" <<SOURCES
Types: deb
URIs: $mirror
Suites: trixie
Components: main
Architectures: amd64
$signed
SOURCES

# A private sources folder and lists folder: the system's apt state is never read or changed.
apt_opts=(
  -oDir::Etc::SourceList=/dev/null
  -oDir::Etc::SourceParts="$work/sources"
  -oDir::State::Lists="$work/lists"
  -oDir::Cache="$work/cache"
  -oDir::Cache::archives="$work/archives"
  -oAPT::Architecture=amd64
  -oDebug::NoLocking=1
)
mkdir -p "$work/cache"
echo "fetch-libc: apt-get update (trixie from $mirror)" >&2
apt-get "${apt_opts[@]}" update >&2 || { echo "fetch-libc: apt-get update failed (no access to $mirror?)" >&2; exit 1; }
(cd "$dest/debs" && apt-get "${apt_opts[@]}" download libc6 libstdc++6 libgcc-s1 >&2) ||
  { echo "fetch-libc: apt-get download failed" >&2; exit 1; }

rm -rf "$dest/root.tmp"
mkdir -p "$dest/root.tmp"
for deb in "$dest"/debs/*.deb; do dpkg -x "$deb" "$dest/root.tmp"; done
rm -rf "$dest/root"
mv "$dest/root.tmp" "$dest/root"
[ -x "$loader" ] || { echo "fetch-libc: no loader at $loader after extraction" >&2; exit 1; }
echo "$dest"
