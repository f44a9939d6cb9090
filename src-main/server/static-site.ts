// Web mode: serves the built renderer from one folder. Only files that resolve (symlinks
// included) inside that folder are ever read.
import { existsSync, realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendFile } from './file-responses.js';
import { badRequest, notFound } from './http-errors.js';

export class StaticSite {
  private constructor(private readonly root: string) {}

  /** A site for `dir`, or null when there is no built renderer there (API-only mode). */
  static open(dir: string | undefined): StaticSite | null {
    if (!dir || !existsSync(join(dir, 'index.html'))) return null;
    return new StaticSite(realpathSync(dir));
  }

  async sendIndex(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // index.html names hashed assets; it must be revalidated so a rebuilt app is picked up.
    await sendFile(req, res, join(this.root, 'index.html'), { ranges: false, cacheControl: 'no-cache' });
  }

  /**
   * Sends the file at `urlPath`. Unknown extensionless paths get index.html, so the app's own
   * routes survive a reload; unknown paths with an extension (a missing `app.js`) stay 404 rather
   * than answering HTML where a script was expected.
   */
  async send(req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<void> {
    const file = await this.resolveFile(urlPath);
    if (file) {
      const cacheControl = file.endsWith(`${sep}index.html`) ? 'no-cache' : 'public, max-age=0, must-revalidate';
      await sendFile(req, res, file, { ranges: true, cacheControl });
      return;
    }
    if (extname(urlPath) === '') {
      await this.sendIndex(req, res);
      return;
    }
    throw notFound(`no such file: ${urlPath}`);
  }

  private async resolveFile(urlPath: string): Promise<string | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      throw badRequest('malformed path');
    }
    if (decoded.includes('\0')) throw badRequest('malformed path');
    // resolve() collapses `..`; the prefix check below rejects whatever still points outside.
    let candidate = resolve(this.root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
    if (!this.contains(candidate)) return null;
    const info = await stat(candidate).catch(() => null);
    if (info?.isDirectory()) {
      candidate = join(candidate, 'index.html');
    } else if (!info?.isFile()) {
      return null;
    }
    const real = await realpath(candidate).catch(() => null);
    return real !== null && this.contains(real) ? real : null;
  }

  private contains(path: string): boolean {
    return path === this.root || path.startsWith(this.root + sep);
  }
}
