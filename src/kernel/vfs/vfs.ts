import { KernelError } from '../errors.js';
import { isWithin, normalizePath } from './path.js';
import type { Backend } from './types.js';

export interface Mount {
  point: string;
  backend: Backend;
}

/** A path after resolution: canonical (symlinks followed), with the mount that holds it. */
export interface Resolved {
  path: string;
  mount: Mount;
  rel: string;
}

export type ChangeKind = 'write' | 'create' | 'delete' | 'rename' | 'mkdir' | 'rmdir' | 'chmod' | 'host';
export interface Change {
  kind: ChangeKind;
  path: string;
}

const MAX_REDIRECTS = 40;

/** The mount table: routes canonical paths to backends and tells watchers what changed. */
export class VFS {
  private mounts: Mount[] = [];
  private watchers = new Set<{ path: string; cb: (c: Change) => void }>();

  mount(point: string, backend: Backend) {
    const p = normalizePath(point);
    if (this.mounts.some((m) => m.point === p)) throw new KernelError('EBUSY', `${p} is already a mount point`);
    this.mounts.push({ point: p, backend });
    // Longest first, so the most specific mount wins.
    this.mounts.sort((a, b) => b.point.length - a.point.length);
  }

  unmount(point: string): Backend {
    const p = normalizePath(point);
    const i = this.mounts.findIndex((m) => m.point === p);
    if (i < 0) throw new KernelError('EINVAL', `${p} is not a mount point`);
    if (p === '/') throw new KernelError('EBUSY', 'the root cannot be unmounted');
    if (this.mounts.some((m) => m.point !== p && isWithin(m.point, p))) throw new KernelError('EBUSY', `${p} has mounts below it`);
    return this.mounts.splice(i, 1)[0]!.backend;
  }

  list(): readonly Mount[] {
    return [...this.mounts].sort((a, b) => a.point.localeCompare(b.point));
  }

  isMountPoint(p: string) {
    return this.mounts.some((m) => m.point === p);
  }

  mountFor(p: string): { mount: Mount; rel: string } {
    for (const m of this.mounts) {
      if (isWithin(p, m.point)) return { mount: m, rel: m.point === '/' ? p.slice(1) : p.slice(m.point.length + 1) };
    }
    throw new KernelError('ENOENT', `no filesystem is mounted at ${p}`);
  }

  /**
   * Follow symlinks across mounts until the path is canonical. The result is what the
   * sandbox checks and what the handler uses: there is no other path to use.
   */
  async resolve(path: string, followLast = true): Promise<Resolved> {
    let p = path;
    for (let i = 0; i < MAX_REDIRECTS; i++) {
      const { mount, rel } = this.mountFor(p);
      const found = await mount.backend.lookup(rel, followLast);
      if ('redirect' in found) {
        p = normalizePath(found.redirect);
        continue;
      }
      const canonical = found.rel ? (mount.point === '/' ? `/${found.rel}` : `${mount.point}/${found.rel}`) : mount.point;
      const owner = this.mountFor(canonical);
      if (owner.mount !== mount) {
        p = canonical;
        continue;
      }
      return { path: canonical, mount, rel: found.rel };
    }
    throw new KernelError('ELOOP', `${path}: too many levels of symbolic links`);
  }

  watch(path: string, cb: (c: Change) => void): () => void {
    const w = { path, cb };
    this.watchers.add(w);
    return () => this.watchers.delete(w);
  }

  notify(kind: ChangeKind, path: string) {
    for (const w of this.watchers) if (isWithin(path, w.path)) w.cb({ kind, path });
  }
}
