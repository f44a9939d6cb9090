// Bundles scripts/bench/profile-analysis.ts and detach-probe.ts to out/bench/ (the shared settings of scripts/node-bundle.mjs),
// kept out of the shipped entry points because it is a developer tool that reads the test corpus.
import { build } from 'esbuild';
import { nodeBundleOptions } from '../node-bundle.mjs';

await build({
  entryPoints: { 'profile-analysis': 'scripts/bench/profile-analysis.ts', 'detach-probe': 'scripts/bench/detach-probe.ts' },
  outdir: 'out/bench',
  ...nodeBundleOptions,
  sourcemap: true,
});
