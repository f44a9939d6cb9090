#!/usr/bin/env bash
# Installs what `npm run train` needs beyond npm, from Debian's packages only:
#   fluidsynth, timidity, sox          render and augment the training sounds
#   timgm6mb-soundfont, opl3-soundfont, csound-soundfont, freepats   the allowed training sources
#   fluid-soundfont-gm, hydrogen-drumkits   the unseen TEST sets (never trained on)
#   python3-torch                      trains the timbre network on the CPU (scripts/train/timbre_net.py)
# and the public labelled corpus (also training data) via setup-test-env.sh's fetch script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/install-debian-packages.sh" fluidsynth timidity sox timgm6mb-soundfont opl3-soundfont csound-soundfont \
  freepats fluid-soundfont-gm hydrogen-drumkits python3-torch
bash "$here/fetch-corpus.sh" "$here/../.cache/corpus"
