#!/usr/bin/env node
// Thin launcher: the CLI is bundled to out/node/cli.js by `npm run build:node` (run on install).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'node', 'cli.js');
if (!existsSync(cli)) {
  console.error('sampledex: the CLI is not built yet; run `npm run build:node` in the Sampledex folder.');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
