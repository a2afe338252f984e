import { constants, watch as watchHost, realpathSync } from 'node:fs';
// fs.promises and crypto load on first use, not when a kernel starts (one-shot commands).
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { KernelError, fromNodeError, refusal } from '../errors.js';
import { byName } from './order.js';
import { lstatMany } from './stat-many.js';
import type { Backend, DirEntry, ListedEntry, Lookup, NodeType, Stat, WriteOptions } from './types.js';

const TEMP_FILE = /^\..*\.tmp-\d+-[0-9a-f]{8}$/;
const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_APPEND, O_NOFOLLOW, O_DIRECTORY } = constants;

/**
 * A host folder behind a mount point (`/home` on $AGENTOS_HOME, `/apps` on the shipped
 * apps). Every path is resolved with realpath and must stay inside the root; every open
 * refuses a symlink as the last component and checks the opened file's real path again,
 * so a link swapped in between check and use still cannot lead out. Writes are atomic.
 */
export class LocalFS implements Backend {
  readonly kind = 'localfs' as const;
  readonly root: string;

  constructor(root: string, private readonly mount: string, readonly readOnly = false) {
    this.root = realpathSync(root);
  }

  get source() {
    return this.root;
  }

  private vfs(rel: string) {
    return rel ? `${this.mount === '/' ? '' : this.mount}/${rel}` : this.mount;
  }

  private host(rel: string) {
    return rel ? path.join(this.root, rel) : this.root;
  }

  private inside(real: string) {
    return real === this.root || real.startsWith(this.root + path.sep);
  }

  private relOf(real: string, vfsPath: string): string {
    if (!this.inside(real)) throw refusal('EACCES', `permission denied: ${vfsPath} leads out of ${this.mount} (a symbolic link points outside the mount)`, vfsPath);
    return real === this.root ? '' : real.slice(this.root.length + 1);
  }

  private fail(err: unknown, rel: string): KernelError {
    const e = fromNodeError(err, this.vfs(rel));
    // The host refused (file modes): the path is what was refused.
    if ((e.code === 'EACCES' || e.code === 'EPERM') && e !== err) e.target = this.vfs(rel);
    return e;
  }

  async lookup(rel: string, followLast: boolean): Promise<Lookup> {
    const where = this.vfs(rel);
    if (!rel) return { rel };
    const full = this.host(rel);
    const real = followLast ? await this.realHost(full, where) : path.join(await this.realHost(path.dirname(full), where), path.basename(full));
    return { rel: this.relOf(real, where) };
  }

  /**
   * realpath, extended to paths that do not exist yet: the deepest existing ancestor is
   * resolved and the missing rest appended (nothing missing can be a link). Dangling links
   * are followed to where they point, so a create through a link is checked where it lands.
   */
  private async realHost(full: string, where: string, hops = 0): Promise<string> {
    if (hops > 40) throw new KernelError('ELOOP', `${where}: too many levels of symbolic links`);
    try {
      return await fsp.realpath(full);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw fromNodeError(err, where);
    }
    const st = await fsp.lstat(full).catch(() => undefined);
    if (st?.isSymbolicLink()) {
      const target = path.resolve(path.dirname(full), await fsp.readlink(full));
      return this.realHost(target, where, hops + 1);
    }
    const parent = path.dirname(full);
    if (parent === full) return full;
    return path.join(await this.realHost(parent, where, hops), path.basename(full));
  }

  /** The check at open: the file the descriptor really names must lie inside the root. */
  private async verifyOpened(fh: FileHandle, rel: string) {
    const real = await fsp.readlink(`/proc/self/fd/${fh.fd}`).catch(() => undefined);
    if (real !== undefined && !this.inside(real)) {
      await fh.close();
      throw refusal('EACCES', `permission denied: ${this.vfs(rel)} was swapped for a link out of ${this.mount}`, this.vfs(rel));
    }
  }

  /** `shown`: the path errors name (an atomic write opens a temp file but reports its target). */
  private async open(rel: string, flags: number, mode?: number, shown = rel): Promise<FileHandle> {
    let fh: FileHandle;
    try {
      fh = await fsp.open(this.host(rel), flags | O_NOFOLLOW, mode);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw refusal('EACCES', `permission denied: ${this.vfs(shown)} is a symbolic link changed during the call`, this.vfs(shown));
      throw this.fail(err, shown);
    }
    await this.verifyOpened(fh, rel);
    return fh;
  }

  private guardWrite(rel: string) {
    if (this.readOnly) throw new KernelError('EROFS', `${this.vfs(rel)} is on a read-only mount`);
  }

  async stat(rel: string): Promise<Stat> {
    try {
      return toStat(await fsp.stat(this.host(rel)));
    } catch (err) {
      throw this.fail(err, rel);
    }
  }

  async lstat(rel: string): Promise<Stat> {
    try {
      return toStat(await fsp.lstat(this.host(rel)));
    } catch (err) {
      throw this.fail(err, rel);
    }
  }

  async read(rel: string): Promise<Buffer> {
    const fh = await this.open(rel, O_RDONLY);
    try {
      const st = await fh.stat();
      if (st.isDirectory()) throw new KernelError('EISDIR', `${this.vfs(rel)} is a directory`);
      return await fh.readFile();
    } catch (err) {
      throw this.fail(err, rel);
    } finally {
      await fh.close();
    }
  }

  async write(rel: string, data: Buffer, opts: WriteOptions = {}): Promise<void> {
    this.guardWrite(rel);
    if (opts.append || opts.exclusive) {
      const flags = O_WRONLY | O_CREAT | (opts.append ? O_APPEND : O_EXCL);
      const fh = await this.open(rel, flags, opts.mode ?? 0o644);
      try {
        await fh.write(data);
        await fh.datasync();
      } catch (err) {
        throw this.fail(err, rel);
      } finally {
        await fh.close();
      }
      return;
    }
    await this.writeAtomic(rel, data, opts.mode);
  }

  /** Temp file beside the target, fsync, rename over it, fsync the folder. */
  private async writeAtomic(rel: string, data: Buffer, mode?: number) {
    const full = this.host(rel);
    const existing = await fsp.lstat(full).catch(() => undefined);
    if (existing?.isDirectory()) throw new KernelError('EISDIR', `${this.vfs(rel)} is a directory`);
    const tmpRel = path.join(path.dirname(rel), `.${path.basename(rel)}.tmp-${process.pid}-${Buffer.from(crypto.getRandomValues(new Uint8Array(4))).toString('hex')}`);
    const fh = await this.open(tmpRel, O_WRONLY | O_CREAT | O_EXCL, mode ?? (existing ? existing.mode & 0o7777 : 0o644), rel);
    try {
      await fh.writeFile(data);
      await fh.datasync();
      await fh.close();
      await fsp.rename(this.host(tmpRel), full);
    } catch (err) {
      await fh.close().catch(() => {});
      await fsp.rm(this.host(tmpRel), { force: true }).catch(() => {});
      throw this.fail(err, rel);
    }
    await syncDir(path.dirname(full));
  }

  async list(rel: string): Promise<DirEntry[]> {
    try {
      const entries = await fsp.readdir(this.host(rel), { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, type: (e.isDirectory() ? 'dir' : e.isSymbolicLink() ? 'symlink' : 'file') as NodeType })).sort(byName);
    } catch (err) {
      throw this.fail(err, rel);
    }
  }

  /** Names only from readdir (the lstat tells the type too): half the objects of `list` and then lstat. */
  async listStats(rel: string): Promise<ListedEntry[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.host(rel));
    } catch (err) {
      throw this.fail(err, rel);
    }
    names.sort(); // strings sort by code unit: the order of byName
    const stats = await lstatMany(this.host(rel), names);
    const out: ListedEntry[] = [];
    for (let i = 0; i < names.length; i++) {
      const st = stats[i];
      // Gone between readdir and lstat: it is not in the folder any more.
      if (st) out.push({ name: names[i]!, type: st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'file', size: st.size, mtimeMs: st.mtimeMs });
    }
    return out;
  }

  async mkdir(rel: string, recursive: boolean): Promise<void> {
    this.guardWrite(rel);
    try {
      await fsp.mkdir(this.host(rel), { recursive });
    } catch (err) {
      // Node's recursive mkdir says ENOENT when a level cannot be made (a read-only or full
      // disk): make the missing levels one by one to report the real reason.
      if (recursive && (err as NodeJS.ErrnoException).code === 'ENOENT') await this.mkdirEach(rel);
      throw this.fail(err, rel);
    }
  }

  private async mkdirEach(rel: string): Promise<void> {
    const parts = rel.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const level = parts.slice(0, i).join('/');
      try {
        await fsp.mkdir(this.host(level));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw this.fail(err, rel);
      }
    }
  }

  async rmdir(rel: string, recursive: boolean): Promise<void> {
    this.guardWrite(rel);
    if (!rel) throw new KernelError('EBUSY', `${this.mount} is a mount point`);
    try {
      const st = await fsp.lstat(this.host(rel));
      if (!st.isDirectory()) throw new KernelError('ENOTDIR', `${this.vfs(rel)} is not a directory`);
      if (recursive) await fsp.rm(this.host(rel), { recursive: true });
      else await fsp.rmdir(this.host(rel));
    } catch (err) {
      throw this.fail(err, rel);
    }
  }

  async unlink(rel: string): Promise<void> {
    this.guardWrite(rel);
    try {
      const st = await fsp.lstat(this.host(rel));
      if (st.isDirectory()) throw new KernelError('EISDIR', `${this.vfs(rel)} is a directory`);
      await fsp.unlink(this.host(rel));
    } catch (err) {
      throw this.fail(err, rel);
    }
  }

  async rename(from: string, to: string): Promise<void> {
    this.guardWrite(to);
    try {
      await fsp.rename(this.host(from), this.host(to));
    } catch (err) {
      throw this.fail(err, from);
    }
  }

  async truncate(rel: string, length: number): Promise<void> {
    this.guardWrite(rel);
    const fh = await this.open(rel, O_WRONLY);
    try {
      await fh.truncate(length);
    } catch (err) {
      throw this.fail(err, rel);
    } finally {
      await fh.close();
    }
  }

  /** Targets are stored relative, so the folder can move; the VFS has checked they stay inside. */
  async symlink(target: string, rel: string): Promise<void> {
    this.guardWrite(rel);
    const from = path.dirname(this.host(rel));
    const to = this.host(target);
    try {
      await fsp.symlink(path.relative(from, to) || '.', this.host(rel));
    } catch (err) {
      throw this.fail(err, rel);
    }
  }

  async readlink(rel: string): Promise<string> {
    try {
      const link = await fsp.readlink(this.host(rel));
      const abs = path.resolve(path.dirname(this.host(rel)), link);
      if (!this.inside(abs)) return link;
      const inner = abs === this.root ? '' : abs.slice(this.root.length + 1);
      return this.vfs(inner);
    } catch (err) {
      throw this.fail(err, rel);
    }
  }

  async chmod(rel: string, mode: number): Promise<void> {
    this.guardWrite(rel);
    try {
      await fsp.chmod(this.host(rel), mode & 0o7777);
    } catch (err) {
      throw this.fail(err, rel);
    }
  }

  watchHost(rel: string, onChange: (rel: string) => void): () => void {
    try {
      const w = watchHost(this.host(rel), (_ev, name) => {
        // Our own atomic writes pass through temp files; only the rename is news.
        if (name && TEMP_FILE.test(String(name))) return;
        onChange(name ? path.posix.join(rel, String(name)) : rel);
      });
      w.on('error', () => {});
      return () => w.close();
    } catch {
      return () => {};
    }
  }
}

async function syncDir(dir: string) {
  try {
    const fh = await fsp.open(dir, O_RDONLY | O_DIRECTORY);
    await fh.sync().catch(() => {});
    await fh.close();
  } catch {
    // Some filesystems refuse to fsync a folder; the rename is still atomic.
  }
}

function toStat(st: import('node:fs').Stats): Stat {
  const type: NodeType = st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'file';
  return { type, size: st.size, mode: st.mode & 0o7777, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, birthtimeMs: st.birthtimeMs };
}
