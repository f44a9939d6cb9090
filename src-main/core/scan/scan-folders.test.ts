import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanFolders } from './scan-folders.js';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'sdx-scan-'));
  mkdirSync(join(root, 'Drums', 'Kicks'), { recursive: true });
  writeFileSync(join(root, 'Drums', 'Kicks', 'kick 01.WAV'), 'x');
  writeFileSync(join(root, 'Drums', 'snare.Aif'), 'x');
  writeFileSync(join(root, 'Drums', 'pad.aifc'), 'x');
  writeFileSync(join(root, 'loop.flac'), 'x');
  writeFileSync(join(root, 'lead.Mp3'), 'x');
  writeFileSync(join(root, 'vox.ogg'), 'x');
  writeFileSync(join(root, 'ünïcødé 🥁.wav'), 'x');
  writeFileSync(join(root, 'readme.txt'), 'not audio');
  writeFileSync(join(root, 'cover.png'), 'not audio');
  // A cycle: Drums/back → root.
  symlinkSync(root, join(root, 'Drums', 'back'));
  return root;
}

describe('scanFolders', () => {
  it('finds every audio extension case-insensitively, ignores other files, and ends on symlink cycles', async () => {
    const root = tree();
    const { files, unreadableFolders } = await scanFolders([root]);
    const names = files.map((f) => f.path.slice(root.length + 1)).sort();
    expect(names).toEqual(
      ['Drums/Kicks/kick 01.WAV', 'Drums/pad.aifc', 'Drums/snare.Aif', 'lead.Mp3', 'loop.flac', 'vox.ogg', 'ünïcødé 🥁.wav'].sort(),
    );
    expect(unreadableFolders).toEqual([]);
    expect(files.every((f) => f.sizeBytes === 1 && f.mtimeMs > 0)).toBe(true);
  });

  it('reports unreadable folders instead of failing', async () => {
    const root = tree();
    const locked = join(root, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'a.wav'), 'x');
    chmodSync(locked, 0o000);
    try {
      const { files, unreadableFolders } = await scanFolders([root, join(root, 'does-not-exist')]);
      expect(files.length).toBeGreaterThanOrEqual(7);
      expect(unreadableFolders.some((p) => p.path.endsWith('does-not-exist') && p.error === 'no such file or folder')).toBe(true);
      // root bypasses permissions, so the locked folder is only reported when not running as root.
      if (process.getuid?.() !== 0) expect(unreadableFolders.some((p) => p.path === locked)).toBe(true);
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});
