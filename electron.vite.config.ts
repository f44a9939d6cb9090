// Desktop build (`electron-vite build`): main process, preload and the same renderer as web mode.
//   out/main/index.js            Electron main (src-main/electron/main.ts) + the analysis worker beside it
//   out/preload/index.cjs        preload; CommonJS because sandboxed preloads cannot be ES modules
//   out/renderer/                the React app (identical to `vite build -c vite.web.config.ts`)
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

const fromRoot = (path: string): string => resolve(import.meta.dirname, path);

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      // Native addons (better-sqlite3, hnswlib-node) and wasm decoders load from node_modules.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: fromRoot('src-main/electron/main.ts'),
          // LibraryService looks for analysis-worker.js beside its own bundle first.
          'analysis-worker': fromRoot('src-main/core/pipeline/analysis-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      rollupOptions: {
        input: { index: fromRoot('src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('src-renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: fromRoot('out/renderer'),
      target: 'es2022',
      // Same output as the web build; electron-vite would otherwise leave the renderer unminified.
      minify: true,
      rollupOptions: { input: fromRoot('src-renderer/index.html') },
    },
  },
});
