#!/usr/bin/env bash
# Installs what the tests need beyond npm: Debian's Chromium for the end-to-end tests (never a
# downloaded browser), and the public labelled corpus of real samples in .cache/corpus.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null
  else
    sudo apt-get update >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null
  fi
fi
bash "$here/fetch-corpus.sh" "$here/../.cache/corpus"
