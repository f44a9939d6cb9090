// Which of the things dropped on the desktop window are folders to index. Chromium marks a dropped
// folder only through the entry API (a folder's File looks like an empty file), and the page cannot
// read a File's path in a sandbox: the preload's pathForFile (webUtils) supplies it. Both must be
// asked during the drop event itself, before the DataTransfer is emptied.

/** The slice of DataTransferItem read here, so the collection is unit-tested without a DOM. */
export interface DroppedItem {
  readonly kind: string;
  getAsFile(): File | null;
  webkitGetAsEntry(): { readonly isDirectory: boolean } | null;
}

export interface DroppedFolders {
  /** Absolute paths of the dropped folders, once each, in drop order. */
  folders: string[];
  /** Dropped files (not folders), or items without a path: told to the user, never indexed. */
  ignored: number;
}

export function droppedFolders(items: Iterable<DroppedItem>, pathForFile: (file: File) => string): DroppedFolders {
  const folders: string[] = [];
  let ignored = 0;
  for (const item of items) {
    if (item.kind !== 'file') continue;
    const file = item.getAsFile();
    const path = file && item.webkitGetAsEntry()?.isDirectory ? pathForFile(file) : '';
    if (path === '') ignored++;
    else if (!folders.includes(path)) folders.push(path);
  }
  return { folders, ignored };
}
