"""The Python prototype's indexing pipeline, rebuilt as the bench's measured baseline.

It computes the prototype's 45 numbers per file with librosa, the way its build-database
script did (librosa.load at librosa's default 22 050 Hz, mono; 13 MFCC means and standard
deviations, 12 chroma, spectral centroid, rolloff and bandwidth, zero-crossing rate, RMS,
beat-tracked tempo, duration), in one process, one file after another.

Reads file paths (one a line) on stdin and prints one JSON line: files, failed, seconds.
The clock starts after one warm-up file, so numba's first-call compilation and Python's
imports are not charged to the prototype.
"""
import json
import sys
import time
import warnings

import librosa
import numpy as np

warnings.filterwarnings("ignore")


def prototype_features(path: str) -> np.ndarray:
    y, sr = librosa.load(path, sr=22050, mono=True)
    mfcc = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=13)
    chroma = librosa.feature.chroma_stft(y=y, sr=sr)
    centroid = librosa.feature.spectral_centroid(y=y, sr=sr)
    rolloff = librosa.feature.spectral_rolloff(y=y, sr=sr)
    bandwidth = librosa.feature.spectral_bandwidth(y=y, sr=sr)
    zcr = librosa.feature.zero_crossing_rate(y)
    rms = librosa.feature.rms(y=y)
    tempo, _ = librosa.beat.beat_track(y=y, sr=sr)
    return np.concatenate([
        mfcc.mean(axis=1), mfcc.std(axis=1), chroma.mean(axis=1),
        [centroid.mean(), rolloff.mean(), bandwidth.mean(), zcr.mean(), rms.mean(),
         float(np.atleast_1d(tempo)[0]), len(y) / sr],
    ])


def main() -> None:
    paths = [line.strip() for line in sys.stdin if line.strip()]
    if not paths:
        raise SystemExit("no files on stdin")
    prototype_features(paths[0])  # warm-up, not timed
    failed = 0
    start = time.perf_counter()
    for path in paths:
        try:
            vector = prototype_features(path)
            assert vector.shape == (45,)
        except Exception:  # the prototype skipped what it could not load
            failed += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"files": len(paths), "failed": failed, "seconds": seconds}))


if __name__ == "__main__":
    main()
