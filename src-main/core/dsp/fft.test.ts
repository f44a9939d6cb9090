import { describe, expect, it } from 'vitest';
import { ComplexFft, RealFft } from './fft.js';

function naiveDft(input: ArrayLike<number>): { re: number[]; im: number[] } {
  const n = input.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let t = 0; t < n; t++) {
      sr += input[t] * Math.cos((2 * Math.PI * k * t) / n);
      si -= input[t] * Math.sin((2 * Math.PI * k * t) / n);
    }
    re.push(sr);
    im.push(si);
  }
  return { re, im };
}

const pseudoRandom = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);

describe('RealFft', () => {
  it.each([4, 8, 64, 1024])('matches a naive DFT at size %i', (size) => {
    const input = pseudoRandom(size);
    const fft = new RealFft(size);
    const re = new Float64Array(fft.binCount);
    const im = new Float64Array(fft.binCount);
    fft.forward(input, re, im);
    const expected = naiveDft(input);
    for (let k = 0; k <= size / 2; k++) {
      expect(re[k]).toBeCloseTo(expected.re[k], 8);
      expect(im[k]).toBeCloseTo(expected.im[k], 8);
    }
  });

  it('puts a bin-centred cosine in its bin and nowhere else', () => {
    const fft = new RealFft(256);
    const input = Float64Array.from({ length: 256 }, (_, i) => Math.cos((2 * Math.PI * 10 * i) / 256));
    const re = new Float64Array(129);
    const im = new Float64Array(129);
    fft.forward(input, re, im);
    expect(re[10]).toBeCloseTo(128, 9);
    for (let k = 0; k < 129; k++) if (k !== 10) expect(Math.hypot(re[k], im[k])).toBeLessThan(1e-9);
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => new RealFft(1000)).toThrow(RangeError);
    expect(() => new ComplexFft(3)).toThrow(RangeError);
  });
});

describe('ComplexFft', () => {
  it('matches a naive DFT of a complex signal', () => {
    const size = 32;
    const re = pseudoRandom(size);
    const im = pseudoRandom(size).reverse();
    const expectedRe: number[] = [];
    const expectedIm: number[] = [];
    for (let k = 0; k < size; k++) {
      let sr = 0;
      let si = 0;
      for (let t = 0; t < size; t++) {
        const angle = (-2 * Math.PI * k * t) / size;
        sr += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
        si += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
      }
      expectedRe.push(sr);
      expectedIm.push(si);
    }
    new ComplexFft(size).transform(re, im);
    for (let k = 0; k < size; k++) {
      expect(re[k]).toBeCloseTo(expectedRe[k], 9);
      expect(im[k]).toBeCloseTo(expectedIm[k], 9);
    }
  });
});
