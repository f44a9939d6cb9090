#!/usr/bin/env bash
# Installs what `npm run train` needs beyond npm, from Debian's packages only:
#   fluidsynth, timidity, sox          render and augment the training sounds
#   timgm6mb-soundfont, opl3-soundfont, csound-soundfont, freepats   the allowed training sources
#   fluid-soundfont-gm, hydrogen-drumkits   the unseen TEST sets (never trained on)
#   python3-torch                      trains the timbre network on the CPU (scripts/train/timbre_net.py)
# and the public labelled corpus (also training data) via setup-test-env.sh's fetch script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
packages=(fluidsynth timidity sox timgm6mb-soundfont opl3-soundfont csound-soundfont freepats fluid-soundfont-gm hydrogen-drumkits python3-torch)
need=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
fi
bash "$here/fetch-corpus.sh" "$here/../.cache/corpus"
