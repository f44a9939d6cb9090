// Web mode build: the renderer as static files that `sampledex serve --static out/renderer` serves.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const rendererRoot = fileURLToPath(new URL('./src-renderer', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs: the app works from any mount point (and from file:// in Electron).
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // wavesurfer + react are the bulk; one chunk is fine for a local app.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `vite -c vite.web.config.ts` during development: API calls go to a running `sampledex serve`.
    proxy: { '/api': process.env.SAMPLEDEX_API ?? 'http://127.0.0.1:8001' },
  },
});
