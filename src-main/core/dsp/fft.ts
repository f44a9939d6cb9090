// Power-of-two FFTs (radix-2 stages fused in pairs) with every table built once per size, so
// transforming a frame allocates nothing.
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

  /** Index `i` of the input goes to position `bitReversed[i]` before the butterflies. */
  get permutation(): Uint32Array {
    return this.bitReversed;
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
    this.transformPermuted(re, im);
  }

  /**
   * The butterflies alone, for input already in bit-reversed order (callers that fill the arrays
   * anyway write each value straight to `permutation[i]` and save a pass). Radix-2 stages are
   * taken two at a time (radix-2²): every pair of stages reads and writes the arrays once, not
   * twice, which is what a JS FFT's time goes on. The first pair needs no multiplications.
   */
  transformPermuted(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    let half = 1;
    if (n >= 4) {
      // Stages h = 1 and h = 2: twiddles 1 and -i only.
      for (let a = 0; a < n; a += 4) {
        const r0 = re[a] + re[a + 1];
        const i0 = im[a] + im[a + 1];
        const r1 = re[a] - re[a + 1];
        const i1 = im[a] - im[a + 1];
        const r2 = re[a + 2] + re[a + 3];
        const i2 = im[a + 2] + im[a + 3];
        const r3 = re[a + 2] - re[a + 3];
        const i3 = im[a + 2] - im[a + 3];
        re[a] = r0 + r2;
        im[a] = i0 + i2;
        re[a + 2] = r0 - r2;
        im[a + 2] = i0 - i2;
        // (-i)·(r3 + i·i3) = i3 - i·r3
        re[a + 1] = r1 + i3;
        im[a + 1] = i1 - r3;
        re[a + 3] = r1 - i3;
        im[a + 3] = i1 + r3;
      }
      half = 4;
    }
    const twiddleRe = this.twiddleRe;
    const twiddleIm = this.twiddleIm;
    // Stages h and 2h together: points a+k, a+k+h, a+k+2h, a+k+3h of each block of 4h.
    for (; half * 4 <= n; half <<= 2) {
      const span = half << 2;
      for (let k = 0; k < half; k++) {
        const w1r = twiddleRe[half - 1 + k]; // e^{-iπk/h}: stage h
        const w1i = twiddleIm[half - 1 + k];
        const w2r = twiddleRe[2 * half - 1 + k]; // e^{-iπk/2h}: stage 2h
        const w2i = twiddleIm[2 * half - 1 + k];
        for (let a = k; a < n; a += span) {
          const b = a + half;
          const c = b + half;
          const d = c + half;
          const t1r = re[b] * w1r - im[b] * w1i;
          const t1i = re[b] * w1i + im[b] * w1r;
          const t3r = re[d] * w1r - im[d] * w1i;
          const t3i = re[d] * w1i + im[d] * w1r;
          const y0r = re[a] + t1r;
          const y0i = im[a] + t1i;
          const y1r = re[a] - t1r;
          const y1i = im[a] - t1i;
          const y2r = re[c] + t3r;
          const y2i = im[c] + t3i;
          const y3r = re[c] - t3r;
          const y3i = im[c] - t3i;
          const u2r = y2r * w2r - y2i * w2i;
          const u2i = y2r * w2i + y2i * w2r;
          // w2 · (-i) · y3
          const v3r = y3r * w2r - y3i * w2i;
          const v3i = y3r * w2i + y3i * w2r;
          re[a] = y0r + u2r;
          im[a] = y0i + u2i;
          re[c] = y0r - u2r;
          im[c] = y0i - u2i;
          re[b] = y1r + v3i;
          im[b] = y1i - v3r;
          re[d] = y1r - v3i;
          im[d] = y1i + v3r;
        }
      }
    }
    // An odd number of stages leaves one radix-2 stage.
    for (; half < n; half <<= 1) {
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
  forward(input: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const m = this.size / 2;
    const zr = this.packedRe;
    const zi = this.packedIm;
    // Pack straight into bit-reversed order: saves the complex FFT's permutation pass.
    const permutation = this.half.permutation;
    for (let n = 0; n < m; n++) {
      const j = permutation[n];
      zr[j] = input[2 * n];
      zi[j] = input[2 * n + 1];
    }
    this.half.transformPermuted(zr, zi);
    const cosTable = this.cosTable;
    const sinTable = this.sinTable;
    for (let k = 0; k <= m; k++) {
      const index = k === m ? 0 : k;
      const mirror = k === 0 ? 0 : m - k;
      const a = zr[index];
      const b = zi[index];
      const c = zr[mirror];
      const d = zi[mirror];
      // Even part (Z[k] + conj Z[m-k]) / 2 and odd part (Z[k] - conj Z[m-k]) / 2i.
      const evenRe = 0.5 * (a + c);
      const evenIm = 0.5 * (b - d);
      const oddRe = 0.5 * (b + d);
      const oddIm = -0.5 * (a - c);
      const cos = cosTable[k];
      const sin = sinTable[k];
      outRe[k] = evenRe + cos * oddRe + sin * oddIm;
      outIm[k] = evenIm + cos * oddIm - sin * oddRe;
    }
  }
}

// FFT objects are read-only tables plus scratch used within one synchronous call, so one per size
// serves every caller in a thread; building the twiddle tables costs more than a short transform.
const complexBySize = new Map<number, ComplexFft>();
const realBySize = new Map<number, RealFft>();

function sharedBySize<T>(cache: Map<number, T>, size: number, create: (size: number) => T): T {
  let fft = cache.get(size);
  if (!fft) {
    fft = create(size);
    cache.set(size, fft);
  }
  return fft;
}

/** The thread's shared ComplexFft of `size`. */
export function sharedComplexFft(size: number): ComplexFft {
  return sharedBySize(complexBySize, size, (n) => new ComplexFft(n));
}

/** The thread's shared RealFft of `size`. */
export function sharedRealFft(size: number): RealFft {
  return sharedBySize(realBySize, size, (n) => new RealFft(n));
}
