// Bundles the plain-Node entry points (CLI, analysis worker, server, bench, train) into out/node.
// Dependencies stay external: native addons and wasm decoders load from node_modules.
import { build } from 'esbuild';
import { nodeBundleOptions } from './node-bundle.mjs';
import { existsSync } from 'node:fs';

const entries = {
  cli: 'src-main/cli/main.ts',
  'analysis-worker': 'src-main/core/pipeline/analysis-worker.ts',
  bench: 'scripts/bench/main.ts',
  'chroma-fanout': 'scripts/bench/chroma-fanout.ts',
  train: 'scripts/train/main.ts',
};

const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

await build({
  entryPoints,
  outdir: 'out/node',
  ...nodeBundleOptions,
  sourcemap: true,
});
