#!/usr/bin/env bash
# Installs what the tests need beyond npm, from Debian's packages (never a downloaded browser):
#   chromium            the end-to-end tests drive it with playwright-core
#   fluidsynth + fluid-soundfont-gm   render the unseen FluidR3 test set (tempo, key, root note)
# fetches the public labelled corpus of real samples into .cache/corpus, and Debian trixie's libc
# for the Chroma server the shared-library tests run (scripts/chroma/fetch-libc.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v fluidsynth >/dev/null 2>&1 || need+=(fluidsynth)
[ -f /usr/share/sounds/sf2/FluidR3_GM.sf2 ] || need+=(fluid-soundfont-gm)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
fi
bash "$here/fetch-corpus.sh" "$here/../.cache/corpus"
bash "$here/chroma/fetch-libc.sh" >/dev/null
