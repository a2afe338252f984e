import { KernelError } from '../errors.js';
import type { OpenFile } from './table.js';

/**
 * Reads and writes at an open file's offset, through the VFS backend that holds the
 * path. Backends read and write whole files; sequential writes at the end become
 * appends, so the common case does not rewrite the file.
 */
export function readAt(f: OpenFile, length: number): Promise<{ data: Buffer; eof: boolean }> {
  if (!f.flags.read) throw new KernelError('EBADF', `${f.path} was not opened for reading`);
  return f.serial(async () => {
    const { backend } = f.file.mount;
    const all = await backend.read(f.file.rel);
    const data = all.subarray(Math.min(f.offset, all.length), Math.min(f.offset + length, all.length));
    f.offset += data.length;
    return { data, eof: f.offset >= all.length };
  });
}

export function writeAt(f: OpenFile, data: Buffer): Promise<{ written: number; offset: number }> {
  if (!f.flags.write) throw new KernelError('EBADF', `${f.path} was not opened for writing`);
  return f.serial(async () => {
    const { backend } = f.file.mount;
    const rel = f.file.rel;
    const size = (await backend.stat(rel)).size;
    if (f.flags.append || f.offset === size) {
      await backend.write(rel, data, { append: true });
      f.offset = size + data.length;
    } else {
      const old = await backend.read(rel);
      const end = f.offset + data.length;
      const next = Buffer.alloc(Math.max(old.length, end));
      old.copy(next);
      data.copy(next, f.offset);
      await backend.write(rel, next);
      f.offset = end;
    }
    return { written: data.length, offset: f.offset };
  });
}

export type Whence = 'set' | 'cur' | 'end';

export function seek(f: OpenFile, offset: number, whence: Whence): Promise<number> {
  return f.serial(async () => {
    const base = whence === 'set' ? 0 : whence === 'cur' ? f.offset : (await f.file.mount.backend.stat(f.file.rel)).size;
    const next = base + offset;
    if (next < 0) throw new KernelError('EINVAL', `seeking to ${next} would go before the start of ${f.path}`);
    f.offset = next;
    return next;
  });
}
