#!/usr/bin/env bash
# Installs what the tests need beyond npm, from Debian's packages (never a downloaded browser):
#   chromium            the end-to-end tests drive it with playwright-core
#   fluidsynth + fluid-soundfont-gm   render the unseen FluidR3 test set (tempo, key, root note)
# fetches the public labelled corpus of real samples into .cache/corpus, and Debian trixie's libc
# for the Chroma server the shared-library tests run (scripts/chroma/fetch-libc.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/install-debian-packages.sh" chromium fluidsynth fluid-soundfont-gm
bash "$here/fetch-corpus.sh" "$here/../.cache/corpus"
bash "$here/chroma/fetch-libc.sh" >/dev/null
