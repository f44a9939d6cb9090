// Radix-2 FFTs with every table built once per size, so transforming a frame allocates nothing.
// The real FFT packs N real samples into an N/2-point complex FFT (the classic "two for one"
// split), which halves the work against transforming a zero-imaginary complex signal.

function assertPowerOfTwo(size: number, what: string): void {
  if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) {
    throw new RangeError(`${what} size must be a power of two >= 2, got ${size}`);
  }
}

/** In-place iterative complex FFT of a fixed size (forward, unnormalised, e^{-2πikn/N}). */
export class ComplexFft {
  readonly size: number;
  private readonly bitReversed: Uint32Array;
  /** Twiddles e^{-2πik/(2h)} for every stage h = 1, 2, 4…, stored at offset h - 1 (n - 1 in all). */
  private readonly twiddleRe: Float64Array;
  private readonly twiddleIm: Float64Array;

  constructor(size: number) {
    assertPowerOfTwo(size, 'complex FFT');
    this.size = size;
    const bits = Math.log2(size);
    this.bitReversed = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      let reversed = 0;
      for (let b = 0; b < bits; b++) reversed |= ((i >>> b) & 1) << (bits - 1 - b);
      this.bitReversed[i] = reversed;
    }
    this.twiddleRe = new Float64Array(size);
    this.twiddleIm = new Float64Array(size);
    for (let half = 1; half < size; half <<= 1) {
      for (let k = 0; k < half; k++) {
        this.twiddleRe[half - 1 + k] = Math.cos((Math.PI * k) / half);
        this.twiddleIm[half - 1 + k] = -Math.sin((Math.PI * k) / half);
      }
    }
  }

  /** Transforms (re, im) in place; both arrays have exactly `size` elements. */
  transform(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const rev = this.bitReversed;
    for (let i = 0; i < n; i++) {
      const j = rev[i];
      if (j > i) {
        const tr = re[i];
        re[i] = re[j];
        re[j] = tr;
        const ti = im[i];
        im[i] = im[j];
        im[j] = ti;
      }
    }
    // First stage: the only twiddle is 1.
    for (let a = 0; a < n; a += 2) {
      const br = re[a + 1];
      const bi = im[a + 1];
      re[a + 1] = re[a] - br;
      im[a + 1] = im[a] - bi;
      re[a] += br;
      im[a] += bi;
    }
    const twiddleRe = this.twiddleRe;
    const twiddleIm = this.twiddleIm;
    for (let half = 2; half < n; half <<= 1) {
      const span = half << 1;
      for (let k = 0; k < half; k++) {
        const wr = twiddleRe[half - 1 + k];
        const wi = twiddleIm[half - 1 + k];
        for (let a = k; a < n; a += span) {
          const b = a + half;
          const xr = re[b] * wr - im[b] * wi;
          const xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}

/** FFT of a real signal of fixed size N, giving bins 0..N/2 (N/2 + 1 values). */
export class RealFft {
  readonly size: number;
  readonly binCount: number;
  private readonly half: ComplexFft;
  private readonly packedRe: Float64Array;
  private readonly packedIm: Float64Array;
  private readonly cosTable: Float64Array;
  private readonly sinTable: Float64Array;

  constructor(size: number) {
    assertPowerOfTwo(size, 'real FFT');
    if (size < 4) throw new RangeError('real FFT size must be >= 4');
    this.size = size;
    this.binCount = size / 2 + 1;
    this.half = new ComplexFft(size / 2);
    this.packedRe = new Float64Array(size / 2);
    this.packedIm = new Float64Array(size / 2);
    this.cosTable = new Float64Array(size / 2 + 1);
    this.sinTable = new Float64Array(size / 2 + 1);
    for (let k = 0; k <= size / 2; k++) {
      this.cosTable[k] = Math.cos((2 * Math.PI * k) / size);
      this.sinTable[k] = Math.sin((2 * Math.PI * k) / size);
    }
  }

  /** Writes the spectrum of `input` (length `size`) into outRe/outIm (length >= binCount). */
  forward(input: ArrayLike<number>, outRe: Float64Array, outIm: Float64Array): void {
    const m = this.size / 2;
    const zr = this.packedRe;
    const zi = this.packedIm;
    for (let n = 0; n < m; n++) {
      zr[n] = input[2 * n];
      zi[n] = input[2 * n + 1];
    }
    this.half.transform(zr, zi);
    for (let k = 0; k <= m; k++) {
      const a = zr[k === m ? 0 : k];
      const b = zi[k === m ? 0 : k];
      const mirror = k === 0 ? 0 : m - k;
      const c = zr[mirror];
      const d = zi[mirror];
      // Even part (Z[k] + conj Z[m-k]) / 2 and odd part (Z[k] - conj Z[m-k]) / 2i.
      const evenRe = (a + c) / 2;
      const evenIm = (b - d) / 2;
      const oddRe = (b + d) / 2;
      const oddIm = -(a - c) / 2;
      const cos = this.cosTable[k];
      const sin = this.sinTable[k];
      outRe[k] = evenRe + cos * oddRe + sin * oddIm;
      outIm[k] = evenIm + cos * oddIm - sin * oddRe;
    }
  }
}
