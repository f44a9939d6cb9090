import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY, WINDOW_BACKGROUND, devContentSecurityPolicy, mainWindowOptions, withContentSecurityPolicy,
} from '../../src-main/electron/window-options.js';

describe('main window options', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs');

  it('locks the renderer down: isolated, sandboxed, no Node, web security on', () => {
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('stays hidden until ready-to-show, dark, with a usable minimum size', () => {
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe(WINDOW_BACKGROUND);
    expect(options.title).toBe('Sampledex');
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(500);
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth!);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight!);
  });
});

describe('content security policy', () => {
  it('is exactly the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "media-src 'self' blob: sampledex-audio:; connect-src 'self' sampledex-audio:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('adds only inline scripts and the dev server socket in development', () => {
    expect(devContentSecurityPolicy('http://localhost:5173/')).toBe(
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "media-src 'self' blob: sampledex-audio:; connect-src 'self' ws://localhost:5173 sampledex-audio:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('replaces any policy the response carried, whatever its header case, and keeps other headers', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] },
      CONTENT_SECURITY_POLICY,
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
