/**
 * Reads the guest's in-memory file system back after a run, to show the files it wrote.
 * @packageDocumentation
 */
import { Filetype, type MemoryFileSystem, type MemoryNode } from '@rt/wasi';

/** Every regular file under `fs`'s root: guest path → content (as UTF-8 text). */
export function readFiles(fs: MemoryFileSystem): Record<string, string> {
  const out: Record<string, string> = {};
  const decoder = new TextDecoder();
  const walk = (dir: MemoryNode, prefix: string): void => {
    for (const entry of fs.readdir(dir)) {
      const node = fs.lookup(dir, entry.name);
      const path = `${prefix}/${entry.name}`;
      if (entry.filetype === Filetype.DIRECTORY) walk(node, path);
      else if (entry.filetype === Filetype.REGULAR_FILE) {
        const file = fs.open(node, { read: true, write: false });
        const bytes = new Uint8Array(Number(file.stat().size));
        file.read(bytes, 0n);
        file.close();
        out[path] = decoder.decode(bytes);
      }
    }
  };
  walk(fs.root, '');
  return out;
}
