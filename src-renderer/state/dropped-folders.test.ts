import { describe, expect, it } from 'vitest';
import { droppedFolders, type DroppedItem } from './dropped-folders.js';

/** A DataTransferItem as Chromium delivers one for a dropped folder, file or text snippet. */
function item(name: string, options: { directory?: boolean; kind?: string } = {}): DroppedItem {
  const file = { name } as File;
  return {
    kind: options.kind ?? 'file',
    getAsFile: () => (options.kind === 'string' ? null : file),
    webkitGetAsEntry: () => (options.kind === 'string' ? null : { isDirectory: options.directory ?? false }),
  };
}

/** webUtils.getPathForFile: the OS path of a dropped item, '' for a File the page made up. */
const pathForFile = (file: File): string => (file.name === 'synthetic' ? '' : `/home/me/${file.name}`);

describe('droppedFolders', () => {
  it('collects the paths of dropped folders, once each, in order', () => {
    const items = [item('Drums', { directory: true }), item('Loops', { directory: true }), item('Drums', { directory: true })];
    expect(droppedFolders(items, pathForFile)).toEqual({ folders: ['/home/me/Drums', '/home/me/Loops'], ignored: 0 });
  });

  it('ignores files, folders without a path and non-file items (text dragged from another app)', () => {
    const items = [
      item('kick.wav'),
      item('Pads', { directory: true }),
      item('synthetic', { directory: true }),
      item('https://example.com', { kind: 'string' }),
    ];
    expect(droppedFolders(items, pathForFile)).toEqual({ folders: ['/home/me/Pads'], ignored: 2 });
  });

  it('asks for no path unless the item is a folder', () => {
    const asked: string[] = [];
    droppedFolders([item('kick.wav'), item('Keys', { directory: true })], (file) => (asked.push(file.name), `/x/${file.name}`));
    expect(asked).toEqual(['Keys']);
  });
});
