// The esbuild settings every plain-Node bundle of this project shares (CLI, analysis worker,
// bench, train, and the tests that bundle a worker): ESM for Node 20, dependencies left in
// node_modules (native addons and wasm decoders load from there), and a `require` for the CJS
// packages that esbuild's ESM output still calls.
export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};
