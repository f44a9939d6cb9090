#!/usr/bin/env bash
# Creates the Python environment the bench runs the prototype's librosa pipeline in (the measured
# baseline of the indexing figures): a venv under .cache/prototype-venv with librosa from pip.
# The bench calls this itself when the venv is missing; without python3 or librosa it falls back
# to the prototype's stated figure and says so.
set -euo pipefail
cd "$(dirname "$0")/../../.."
VENV=.cache/prototype-venv
if "$VENV/bin/python" -c 'import librosa' 2>/dev/null; then exit 0; fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check 'librosa>=0.10,<0.12'
"$VENV/bin/python" -c 'import librosa; print("librosa", librosa.__version__)'
