import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src-shared/seeded-random.js';
import { layersProblem, mlpForward } from '../nn/dense.js';
import { accumulate, createNet, denseToJson, netEmbed, netProbabilities, trainMlp, zeroGradients, type MlpNet } from './mlp.js';


const evaluate = { dropout: 0, inputNoise: 0, random: createRandom(1) };

function lossOf(net: MlpNet, xs: number[][], ys: number[]): number {
  const grads = zeroGradients(net);
  return xs.reduce((sum, x, i) => sum + accumulate(net, x, ys[i], 1, grads, evaluate), 0);
}

describe('MLP', () => {
  it('backprop matches finite differences on a tiny net', () => {
    const random = createRandom(7);
    const net = createNet(4, [5, 3], 3, 3, 4, random);
    // Non-zero biases so the check also covers them, and ReLUs away from their kink.
    for (const d of [...net.layers, net.head]) for (let i = 0; i < d.b.length; i++) d.b[i] = 0.1 * (random() - 0.3);
    const xs = [[0.5, -1, 2, 0.1], [-0.3, 0.8, -1.2, 1.5], [1, 1, -1, -1]];
    const ys = [0, 2, 1];
    const grads = zeroGradients(net);
    xs.forEach((x, i) => accumulate(net, x, ys[i], 1, grads, evaluate));
    const pairs: [Float64Array, Float64Array][] = [...net.layers.flatMap((d, l) => [[d.w, grads.layers[l].w], [d.b, grads.layers[l].b]] as [Float64Array, Float64Array][]), [net.head.w, grads.head.w], [net.head.b, grads.head.b]];
    let checked = 0;
    for (const [param, grad] of pairs) {
      for (let j = 0; j < param.length; j++) {
        const keep = param[j];
        const h = 1e-5;
        param[j] = keep + h;
        const up = lossOf(net, xs, ys);
        param[j] = keep - h;
        const down = lossOf(net, xs, ys);
        param[j] = keep;
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(numeric - grad[j])).toBeLessThan(1e-6 + 1e-4 * Math.abs(numeric));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('learns XOR-like data that no linear model separates', () => {
    const random = createRandom(3);
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 400; i++) {
      const a = random() * 2 - 1;
      const b = random() * 2 - 1;
      xs.push([a, b]);
      ys.push(a * b > 0 ? 1 : 0);
    }
    const net = trainMlp(xs, ys, 2, { hidden: [16], embedding: 8, epochs: 60, batchSize: 32, learningRate: 0.01, weightDecay: 1e-4, dropout: 0, inputNoise: 0, scale: 8, seed: 1 }, createRandom(11));
    const right = xs.filter((x, i) => {
      const p = netProbabilities(net, x);
      return (p[1] > p[0] ? 1 : 0) === ys[i];
    }).length;
    expect(right / xs.length).toBeGreaterThan(0.9);
    // Same classes end up close in cosine distance, different ones far.
    const dot = (u: Float64Array, v: Float64Array) => u.reduce((s, x, i) => s + x * v[i], 0);
    expect(dot(netEmbed(net, [0.7, 0.7]), netEmbed(net, [-0.7, -0.7]))).toBeGreaterThan(dot(netEmbed(net, [0.7, 0.7]), netEmbed(net, [0.7, -0.7])));
  });

  it('is reproducible for a seed', () => {
    const xs = [[1, 0], [0, 1], [1, 1], [0, 0]];
    const ys = [0, 1, 0, 1];
    const options = { hidden: [4], embedding: 3, epochs: 3, batchSize: 4, learningRate: 0.01, weightDecay: 0, dropout: 0.1, inputNoise: 0.1, scale: 4, seed: 1 };
    const a = trainMlp(xs, ys, 2, options, createRandom(5));
    const b = trainMlp(xs, ys, 2, options, createRandom(5));
    expect(Array.from(a.layers[0].w)).toEqual(Array.from(b.layers[0].w));
  });

  it('runs the JSON layers the same as the training net, and validates them', () => {
    const net = createNet(3, [4], 2, 2, 4, createRandom(9));
    const layers = net.layers.map((d) => denseToJson(d, 17));
    const x = [0.3, -0.2, 0.9];
    const raw = mlpForward(x, layers);
    const norm = Math.hypot(...raw);
    const expected = netEmbed(net, x);
    raw.forEach((v, i) => expect(v / norm).toBeCloseTo(expected[i], 12));
    expect(layersProblem(layers, 3)).toBeNull();
    expect(layersProblem(layers, 4)).toMatch(/layer 0 rows must hold 4/);
    expect(layersProblem([], 3)).toMatch(/non-empty/);
    expect(layersProblem([{ weights: [[1, 2, 3]], bias: [Number.NaN] }], 3)).toMatch(/finite/);
  });
});
