import { KernelError, describeCode } from '../errors.js';
import { byName } from './order.js';
import type { Backend, DirEntry, Lookup, Stat, WriteOptions } from './types.js';

interface Meta { mode: number; mtimeMs: number; ctimeMs: number; birthtimeMs: number }
interface FileNode extends Meta { type: 'file'; data: Buffer }
interface DirNode extends Meta { type: 'dir'; children: Map<string, MemNode> }
interface LinkNode extends Meta { type: 'symlink'; target: string }
type MemNode = FileNode | DirNode | LinkNode;

const MAX_LINKS = 40;

const meta = (mode: number): Meta => {
  const now = Date.now();
  return { mode, mtimeMs: now, ctimeMs: now, birthtimeMs: now };
};

const fail = (code: 'ENOENT' | 'EEXIST' | 'EISDIR' | 'ENOTDIR' | 'ENOTEMPTY' | 'ENOSPC' | 'ELOOP' | 'EINVAL', rel: string, mount: string) =>
  new KernelError(code, describeCode(code, rel ? `${mount === '/' ? '' : mount}/${rel}` : mount));

/**
 * A filesystem in memory (`/`, `/tmp`). Symlink targets are VFS paths: absolute ones
 * that leave this mount are handed back to the VFS as a redirect.
 */
export class MemFS implements Backend {
  readonly kind = 'memfs' as const;
  readonly readOnly = false;
  readonly source = 'memory';
  private root: DirNode = { type: 'dir', children: new Map(), ...meta(0o755) };
  private used = 0;

  /** `mount` is where this backend sits, so that absolute symlink targets can be understood. */
  constructor(private readonly mount = '/', private readonly limit = 256 * 1024 * 1024) {}

  usage() {
    return { used: this.used, limit: this.limit };
  }

  async lookup(rel: string, followLast: boolean): Promise<Lookup> {
    return this.walk(rel, followLast);
  }

  private walk(rel: string, followLast: boolean): Lookup {
    let parts = rel ? rel.split('/') : [];
    let done: string[] = [];
    let node: MemNode = this.root;
    let hops = 0;
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i]!;
      if (node.type !== 'dir') throw fail('ENOTDIR', done.join('/'), this.mount);
      const child: MemNode | undefined = node.children.get(name);
      // Nothing exists from here on, so no link can redirect the rest: the path is what it says.
      if (!child) return { rel: [...done, ...parts.slice(i)].join('/') };
      if (child.type === 'symlink' && (i < parts.length - 1 || followLast)) {
        if (++hops > MAX_LINKS) throw fail('ELOOP', rel, this.mount);
        const rest = parts.slice(i + 1);
        if (child.target.startsWith('/')) {
          const inside = this.insideMount(child.target);
          if (inside === undefined) return { redirect: [child.target, ...rest].join('/') };
          parts = [...(inside ? inside.split('/') : []), ...rest];
        } else {
          parts = [...done, ...child.target.split('/'), ...rest];
        }
        parts = normalizeParts(parts);
        done = [];
        node = this.root;
        i = -1;
        continue;
      }
      done.push(name);
      node = child;
    }
    return { rel: done.join('/') };
  }

  /** The part of an absolute VFS path that lies in this mount, or undefined when it lies elsewhere. */
  private insideMount(abs: string): string | undefined {
    if (this.mount === '/') return abs.slice(1);
    if (abs === this.mount) return '';
    if (abs.startsWith(this.mount + '/')) return abs.slice(this.mount.length + 1);
    return undefined;
  }

  private get(rel: string): MemNode {
    let node: MemNode = this.root;
    if (!rel) return node;
    const parts = rel.split('/');
    for (let i = 0; i < parts.length; i++) {
      if (node.type !== 'dir') throw fail('ENOTDIR', parts.slice(0, i).join('/'), this.mount);
      const next: MemNode | undefined = node.children.get(parts[i]!);
      if (!next) throw fail('ENOENT', parts.slice(0, i + 1).join('/'), this.mount);
      node = next;
    }
    return node;
  }

  private parentOf(rel: string): { dir: DirNode; name: string } {
    if (!rel) throw fail('EEXIST', rel, this.mount);
    const i = rel.lastIndexOf('/');
    const dir = this.get(i < 0 ? '' : rel.slice(0, i));
    if (dir.type !== 'dir') throw fail('ENOTDIR', rel.slice(0, Math.max(i, 0)), this.mount);
    return { dir, name: rel.slice(i + 1) };
  }

  async stat(rel: string): Promise<Stat> {
    return this.statOf(this.get(rel));
  }

  async lstat(rel: string): Promise<Stat> {
    return this.statOf(this.get(rel));
  }

  private statOf(n: MemNode): Stat {
    const size = n.type === 'file' ? n.data.length : n.type === 'dir' ? n.children.size : n.target.length;
    return { type: n.type, size, mode: n.mode, mtimeMs: n.mtimeMs, ctimeMs: n.ctimeMs, birthtimeMs: n.birthtimeMs };
  }

  async read(rel: string): Promise<Buffer> {
    const n = this.get(rel);
    if (n.type === 'dir') throw fail('EISDIR', rel, this.mount);
    if (n.type !== 'file') throw fail('EINVAL', rel, this.mount);
    return n.data;
  }

  async write(rel: string, data: Buffer, opts: WriteOptions = {}): Promise<void> {
    const { dir, name } = this.parentOf(rel);
    const existing = dir.children.get(name);
    if (existing && opts.exclusive) throw fail('EEXIST', rel, this.mount);
    if (existing?.type === 'dir') throw fail('EISDIR', rel, this.mount);
    const old = existing?.type === 'file' ? existing.data : undefined;
    const next = opts.append && old ? Buffer.concat([old, data]) : Buffer.from(data);
    this.charge(next.length - (old?.length ?? 0), rel);
    if (existing?.type === 'file') {
      existing.data = next;
      existing.mtimeMs = existing.ctimeMs = Date.now();
    } else {
      dir.children.set(name, { type: 'file', data: next, ...meta(opts.mode ?? 0o644) });
    }
  }

  private charge(delta: number, rel: string) {
    if (delta > 0 && this.used + delta > this.limit) throw fail('ENOSPC', rel, this.mount);
    this.used += delta;
  }

  async list(rel: string): Promise<DirEntry[]> {
    const n = this.get(rel);
    if (n.type !== 'dir') throw fail('ENOTDIR', rel, this.mount);
    return [...n.children].map(([name, c]) => ({ name, type: c.type })).sort(byName);
  }

  async mkdir(rel: string, recursive: boolean): Promise<void> {
    if (recursive) {
      let cur = '';
      for (const part of rel.split('/')) {
        cur = cur ? `${cur}/${part}` : part;
        const { dir, name } = this.parentOf(cur);
        const c = dir.children.get(name);
        if (!c) dir.children.set(name, { type: 'dir', children: new Map(), ...meta(0o755) });
        else if (c.type !== 'dir') throw fail('ENOTDIR', cur, this.mount);
      }
      return;
    }
    const { dir, name } = this.parentOf(rel);
    if (dir.children.has(name)) throw fail('EEXIST', rel, this.mount);
    dir.children.set(name, { type: 'dir', children: new Map(), ...meta(0o755) });
  }

  async rmdir(rel: string, recursive: boolean): Promise<void> {
    const n = this.get(rel);
    if (n.type !== 'dir') throw fail('ENOTDIR', rel, this.mount);
    if (!rel) throw new KernelError('EBUSY', `${this.mount} is a mount point`);
    if (n.children.size && !recursive) throw fail('ENOTEMPTY', rel, this.mount);
    this.used -= sizeOf(n);
    const { dir, name } = this.parentOf(rel);
    dir.children.delete(name);
  }

  async unlink(rel: string): Promise<void> {
    const { dir, name } = this.parentOf(rel);
    const n = dir.children.get(name);
    if (!n) throw fail('ENOENT', rel, this.mount);
    if (n.type === 'dir') throw fail('EISDIR', rel, this.mount);
    this.used -= sizeOf(n);
    dir.children.delete(name);
  }

  async rename(from: string, to: string): Promise<void> {
    const src = this.parentOf(from);
    const node = src.dir.children.get(src.name);
    if (!node) throw fail('ENOENT', from, this.mount);
    if (node.type === 'dir' && (to === from || to.startsWith(from + '/'))) throw fail('EINVAL', to, this.mount);
    const dst = this.parentOf(to);
    const existing = dst.dir.children.get(dst.name);
    if (existing?.type === 'dir' && (node.type !== 'dir' || existing.children.size)) throw fail(existing.children.size ? 'ENOTEMPTY' : 'EISDIR', to, this.mount);
    if (existing) this.used -= sizeOf(existing);
    src.dir.children.delete(src.name);
    dst.dir.children.set(dst.name, node);
  }

  async truncate(rel: string, length: number): Promise<void> {
    const n = this.get(rel);
    if (n.type !== 'file') throw fail('EISDIR', rel, this.mount);
    const next = Buffer.alloc(length);
    n.data.copy(next, 0, 0, Math.min(length, n.data.length));
    this.charge(length - n.data.length, rel);
    n.data = next;
    n.mtimeMs = Date.now();
  }

  async symlink(target: string, rel: string): Promise<void> {
    const { dir, name } = this.parentOf(rel);
    if (dir.children.has(name)) throw fail('EEXIST', rel, this.mount);
    dir.children.set(name, { type: 'symlink', target, ...meta(0o777) });
  }

  async readlink(rel: string): Promise<string> {
    const n = this.get(rel);
    if (n.type !== 'symlink') throw fail('EINVAL', rel, this.mount);
    return n.target;
  }

  async chmod(rel: string, mode: number): Promise<void> {
    const n = this.get(rel);
    n.mode = mode & 0o7777;
    n.ctimeMs = Date.now();
  }
}

function sizeOf(n: MemNode): number {
  if (n.type === 'file') return n.data.length;
  if (n.type === 'dir') {
    let total = 0;
    for (const c of n.children.values()) total += sizeOf(c);
    return total;
  }
  return 0;
}

function normalizeParts(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out;
}
