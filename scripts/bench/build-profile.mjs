// Bundles scripts/bench/profile-analysis.ts to out/bench/ (same settings as scripts/build-node.mjs),
// kept out of the shipped entry points because it is a developer tool that reads the test corpus.
import { build } from 'esbuild';

await build({
  entryPoints: { 'profile-analysis': 'scripts/bench/profile-analysis.ts' },
  outdir: 'out/bench',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
