// The server's public face: what the CLI's `serve` command (and tests) use.
export { startServer, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_UPLOAD_BYTES } from './server.js';
export type { StartServerOptions, RunningServer, ServedLibrary } from './server.js';
