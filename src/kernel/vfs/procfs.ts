import { KernelError } from '../errors.js';
import type { Backend, DirEntry, Lookup, Stat } from './types.js';

/** What /proc shows: file paths (relative to /proc) to their text, built on demand. */
export type ProcTree = () => Map<string, () => string>;

/** A read-only view of kernel state: `/proc/uptime`, `/proc/mounts`, `/proc/<pid>/status`... */
export class ProcFS implements Backend {
  readonly kind = 'procfs' as const;
  readonly readOnly = true;
  readonly source = 'kernel';
  private readonly bootMs = Date.now();

  constructor(private readonly tree: ProcTree) {}

  private rofs(rel: string): never {
    throw new KernelError('EROFS', `/proc/${rel} is on a read-only mount`);
  }

  private node(rel: string): { file?: () => string; dir?: Set<string> } {
    const files = this.tree();
    const file = files.get(rel);
    if (file) return { file };
    const prefix = rel ? rel + '/' : '';
    const dir = new Set<string>();
    for (const key of files.keys()) {
      if (key.startsWith(prefix)) dir.add(key.slice(prefix.length).split('/')[0]!);
    }
    if (!dir.size && rel) throw new KernelError('ENOENT', `/proc/${rel} does not exist`);
    return { dir };
  }

  async lookup(rel: string): Promise<Lookup> {
    return { rel };
  }

  async stat(rel: string): Promise<Stat> {
    const n = this.node(rel);
    const size = n.file ? Buffer.byteLength(n.file()) : n.dir!.size;
    return { type: n.file ? 'file' : 'dir', size, mode: n.file ? 0o444 : 0o555, mtimeMs: Date.now(), ctimeMs: this.bootMs, birthtimeMs: this.bootMs };
  }

  lstat(rel: string) {
    return this.stat(rel);
  }

  async read(rel: string): Promise<Buffer> {
    const n = this.node(rel);
    if (!n.file) throw new KernelError('EISDIR', `/proc/${rel} is a directory`);
    return Buffer.from(n.file());
  }

  async list(rel: string): Promise<DirEntry[]> {
    const n = this.node(rel);
    if (!n.dir) throw new KernelError('ENOTDIR', `/proc/${rel} is not a directory`);
    const files = this.tree();
    const prefix = rel ? rel + '/' : '';
    return [...n.dir].sort().map((name) => ({ name, type: files.has(prefix + name) ? 'file' : 'dir' }));
  }

  async readlink(rel: string): Promise<string> {
    throw new KernelError('EINVAL', `/proc/${rel} is not a symbolic link`);
  }

  write(rel: string): Promise<void> { return this.rofs(rel); }
  mkdir(rel: string): Promise<void> { return this.rofs(rel); }
  rmdir(rel: string): Promise<void> { return this.rofs(rel); }
  unlink(rel: string): Promise<void> { return this.rofs(rel); }
  rename(rel: string): Promise<void> { return this.rofs(rel); }
  truncate(rel: string): Promise<void> { return this.rofs(rel); }
  symlink(_t: string, rel: string): Promise<void> { return this.rofs(rel); }
  chmod(rel: string): Promise<void> { return this.rofs(rel); }
}
