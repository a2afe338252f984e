import { z } from 'zod';
import { KernelError } from '../errors.js';
import { defineSyscall, type SyscallContext } from '../syscall.js';
import { LocalFS } from '../vfs/localfs.js';
import { MemFS } from '../vfs/memfs.js';
import { basename, dirname, isWithin, joinPath, normalizePath } from '../vfs/path.js';
import type { Backend, ListedEntry } from '../vfs/types.js';
import type { Resolved } from '../vfs/vfs.js';

const path = z.string().min(1).describe('a VFS path, absolute or relative to the working directory');
const encoding = z.enum(['utf8', 'base64']).default('utf8').describe('how content is given or returned');
const MAX_CONTENT = 64 * 1024 * 1024;
const content = z.string().max(MAX_CONTENT).describe('the text to write (or base64 with encoding=base64)');

const decode = (text: string, enc: 'utf8' | 'base64') => Buffer.from(text, enc);

function guardMountPoint(ctx: SyscallContext, r: Resolved, verb: string) {
  if (!r.rel && r.mount.point !== '/' || ctx.kernel.vfs.isMountPoint(r.path)) throw new KernelError('EBUSY', `cannot ${verb} ${r.path}: it is a mount point`);
}

/** A backend's listing with an lstat of each entry (size 0, no mtime, when one vanished meanwhile). */
async function listWithStats(backend: Backend, rel: string): Promise<ListedEntry[]> {
  const entries = await backend.list(rel);
  return Promise.all(
    entries.map(async (e) => {
      const st = await backend.lstat(rel ? `${rel}/${e.name}` : e.name).catch(() => undefined);
      return { ...e, size: st?.size ?? 0, mtimeMs: st?.mtimeMs };
    }),
  );
}

async function statOf(r: Resolved, follow = true) {
  const st = follow ? await r.mount.backend.stat(r.rel) : await r.mount.backend.lstat(r.rel);
  return { path: r.path, type: st.type, size: st.size, mode: '0' + st.mode.toString(8), modified: new Date(st.mtimeMs).toISOString(), created: new Date(st.birthtimeMs).toISOString() };
}

/** Copy a file or folder tree from one resolved place to another, across mounts. */
async function copyTree(ctx: SyscallContext, from: Resolved, to: Resolved, recursive: boolean): Promise<number> {
  const st = await from.mount.backend.stat(from.rel);
  if (st.type === 'dir') {
    if (!recursive) throw new KernelError('EISDIR', `${from.path} is a directory (pass recursive=true)`);
    if (isWithin(to.path, from.path)) throw new KernelError('EINVAL', `cannot copy ${from.path} into itself`);
    await to.mount.backend.mkdir(to.rel, true);
    let n = 0;
    for (const e of await from.mount.backend.list(from.rel)) {
      const src = await ctx.kernel.resolveChecked(ctx.proc, joinPath(from.path, e.name), 'READ_FILE', false);
      if (e.type === 'symlink') continue;
      const dst = await ctx.kernel.resolveChecked(ctx.proc, joinPath(to.path, e.name), 'CREATE_FILE', false);
      n += await copyTree(ctx, src, dst, true);
    }
    return n;
  }
  const data = await from.mount.backend.read(from.rel);
  await to.mount.backend.write(to.rel, data);
  ctx.read(data.length);
  ctx.wrote(data.length);
  return 1;
}

export const fsSyscalls = [
  defineSyscall({
    name: 'fs.read',
    doc: 'Read a whole file (or a byte range of it).',
    args: () => z.object({
      path,
      encoding,
      offset: z.number().int().min(0).optional().describe('first byte to return'),
      length: z.number().int().min(0).optional().describe('how many bytes to return'),
    }),
    caps: [{ cap: 'READ_FILE', path: 'path' }],
    returns: 'the content as text (or base64)',
    async run(ctx, a) {
      const r = ctx.paths.path!;
      let data = await r.mount.backend.read(r.rel);
      if (a.offset !== undefined || a.length !== undefined) {
        const start = a.offset ?? 0;
        data = data.subarray(start, a.length !== undefined ? start + a.length : undefined);
      }
      ctx.read(data.length);
      return data.toString(a.encoding);
    },
  }),
  defineSyscall({
    name: 'fs.write',
    doc: 'Write a file, replacing what was there (atomically on /home).',
    args: () => z.object({ path, content, encoding }),
    caps: [{ cap: 'WRITE_FILE', path: 'path' }],
    returns: '{path, bytes}',
    async run(ctx, a) {
      const r = ctx.paths.path!;
      const data = decode(a.content, a.encoding);
      const existed = await r.mount.backend.lstat(r.rel).then(() => true, () => false);
      await r.mount.backend.write(r.rel, data);
      ctx.wrote(data.length);
      ctx.kernel.vfs.notify(existed ? 'write' : 'create', r.path);
      return { path: r.path, bytes: data.length };
    },
  }),
  defineSyscall({
    name: 'fs.append',
    doc: 'Append to a file, creating it when missing.',
    args: () => z.object({ path, content, encoding }),
    caps: [{ cap: 'WRITE_FILE', path: 'path' }],
    returns: '{path, bytes}',
    async run(ctx, a) {
      const r = ctx.paths.path!;
      const data = decode(a.content, a.encoding);
      await r.mount.backend.write(r.rel, data, { append: true });
      ctx.wrote(data.length);
      ctx.kernel.vfs.notify('write', r.path);
      return { path: r.path, bytes: data.length };
    },
  }),
  defineSyscall({
    name: 'fs.create',
    doc: 'Create a new file; fails with EEXIST if it is there.',
    args: () => z.object({ path, content: content.default(''), encoding }),
    caps: [{ cap: 'CREATE_FILE', path: 'path', follow: false }],
    returns: '{path, bytes}',
    async run(ctx, a) {
      const r = ctx.paths.path!;
      const data = decode(a.content, a.encoding);
      await r.mount.backend.write(r.rel, data, { exclusive: true });
      ctx.wrote(data.length);
      ctx.kernel.vfs.notify('create', r.path);
      return { path: r.path, bytes: data.length };
    },
  }),
  defineSyscall({
    name: 'fs.delete',
    doc: 'Delete a file or symbolic link (folders: fs.rmdir).',
    args: () => z.object({ path }),
    caps: [{ cap: 'DELETE_FILE', path: 'path', follow: false }],
    returns: '{path, deleted}',
    async run(ctx) {
      const r = ctx.paths.path!;
      await r.mount.backend.unlink(r.rel);
      ctx.kernel.vfs.notify('delete', r.path);
      return { path: r.path, deleted: true };
    },
  }),
  defineSyscall({
    name: 'fs.mkdir',
    doc: 'Create a folder (with its parents when recursive).',
    args: () => z.object({ path, recursive: z.boolean().default(false).describe('create missing parents; no error if it exists') }),
    caps: [{ cap: 'CREATE_FILE', path: 'path', follow: false }],
    returns: '{path}',
    async run(ctx, a) {
      const r = ctx.paths.path!;
      await r.mount.backend.mkdir(r.rel, a.recursive);
      ctx.kernel.vfs.notify('mkdir', r.path);
      return { path: r.path };
    },
  }),
  defineSyscall({
    name: 'fs.rmdir',
    doc: 'Remove a folder (and what it holds when recursive).',
    args: () => z.object({ path, recursive: z.boolean().default(false).describe('remove the contents too') }),
    caps: [{ cap: 'DELETE_FILE', path: 'path', follow: false }],
    returns: '{path, removed}',
    async run(ctx, a) {
      const r = ctx.paths.path!;
      guardMountPoint(ctx, r, 'remove');
      if (a.recursive) {
        // Every file below must be deletable by this caller, not only the top folder.
        for (const m of ctx.kernel.vfs.list()) if (m.point !== r.path && isWithin(m.point, r.path)) throw new KernelError('EBUSY', `${m.point} is mounted below ${r.path}`);
      }
      await r.mount.backend.rmdir(r.rel, a.recursive);
      ctx.kernel.vfs.notify('rmdir', r.path);
      return { path: r.path, removed: true };
    },
  }),
  defineSyscall({
    name: 'fs.list',
    doc: 'List a folder: name, type, size and modification time of each entry.',
    args: () => z.object({ path: path.default('.') }),
    caps: [{ cap: 'LIST_DIRECTORY', path: 'path' }],
    returns: '[{name, type, size, modified}]',
    async run(ctx) {
      const r = ctx.paths.path!;
      const { backend } = r.mount;
      const entries = backend.listStats ? await backend.listStats(r.rel) : await listWithStats(backend, r.rel);
      const vfs = ctx.kernel.vfs;
      return entries.map((e) => {
        // A mount point shows as the folder it is, not what lies under it on the parent.
        if (vfs.isMountPoint(joinPath(r.path, e.name))) return { name: e.name, type: 'dir', size: 0, modified: undefined };
        return { name: e.name, type: e.type, size: e.size, modified: e.mtimeMs === undefined ? undefined : new Date(e.mtimeMs).toISOString() };
      });
    },
  }),
  defineSyscall({
    name: 'fs.stat',
    doc: 'Type, size, mode and times of a path (follow=false: of a link itself).',
    args: () => z.object({ path, follow: z.boolean().default(true).describe('follow a symbolic link at the end') }),
    caps: (a) => [{ cap: 'READ_FILE', path: 'path', follow: a.follow }],
    returns: '{path, type, size, mode, modified, created}',
    run: (ctx, a) => statOf(ctx.paths.path!, a.follow),
  }),
  defineSyscall({
    name: 'fs.exists',
    doc: 'Whether a path exists.',
    args: () => z.object({ path }),
    caps: [],
    returns: 'true or false',
    async run(ctx, a) {
      try {
        const r = await ctx.kernel.resolveChecked(ctx.proc, a.path, 'READ_FILE');
        await r.mount.backend.stat(r.rel);
        return true;
      } catch (e) {
        if (e instanceof KernelError && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return false;
        throw e;
      }
    },
  }),
  defineSyscall({
    name: 'fs.move',
    doc: 'Move or rename a file or folder (across mounts too).',
    args: () => z.object({ from: path.describe('the path to move'), to: path.describe('where it goes') }),
    caps: [
      { cap: 'DELETE_FILE', path: 'from', follow: false },
      { cap: 'CREATE_FILE', path: 'to', follow: false },
    ],
    returns: '{from, to}',
    async run(ctx) {
      const from = ctx.paths.from!;
      const to = ctx.paths.to!;
      guardMountPoint(ctx, from, 'move');
      if (from.mount === to.mount) await from.mount.backend.rename(from.rel, to.rel);
      else {
        const st = await from.mount.backend.lstat(from.rel);
        if (st.type === 'dir') throw new KernelError('EXDEV', `cannot move folder ${from.path} to another mount; copy it with recursive=true, then remove it`);
        await copyTree(ctx, from, to, false);
        await from.mount.backend.unlink(from.rel);
      }
      ctx.kernel.vfs.notify('rename', from.path);
      ctx.kernel.vfs.notify('create', to.path);
      return { from: from.path, to: to.path };
    },
  }),
  defineSyscall({
    name: 'fs.copy',
    doc: 'Copy a file (or a folder with recursive=true).',
    args: () => z.object({ from: path.describe('what to copy'), to: path.describe('the new path'), recursive: z.boolean().default(false).describe('copy folders and their contents') }),
    caps: [
      { cap: 'READ_FILE', path: 'from' },
      { cap: 'CREATE_FILE', path: 'to', follow: false },
    ],
    returns: '{from, to, files}',
    async run(ctx, a) {
      const files = await copyTree(ctx, ctx.paths.from!, ctx.paths.to!, a.recursive);
      ctx.kernel.vfs.notify('create', ctx.paths.to!.path);
      return { from: ctx.paths.from!.path, to: ctx.paths.to!.path, files };
    },
  }),
  defineSyscall({
    name: 'fs.truncate',
    doc: 'Cut a file to a length (0 by default), or extend it with zeros.',
    args: () => z.object({ path, length: z.number().int().min(0).max(MAX_CONTENT).default(0).describe('the new size in bytes') }),
    caps: [{ cap: 'WRITE_FILE', path: 'path' }],
    returns: '{path, size}',
    async run(ctx, a) {
      const r = ctx.paths.path!;
      await r.mount.backend.truncate(r.rel, a.length);
      ctx.kernel.vfs.notify('write', r.path);
      return { path: r.path, size: a.length };
    },
  }),
  defineSyscall({
    name: 'fs.symlink',
    doc: 'Make a symbolic link at path pointing to target (on /home only within /home).',
    args: () => z.object({ target: z.string().min(1).describe('what the link points to'), path: path.describe('where the link is made') }),
    caps: [{ cap: 'CREATE_FILE', path: 'path', follow: false }],
    returns: '{path, target}',
    async run(ctx, a) {
      const link = ctx.paths.path!;
      const backend = link.mount.backend;
      if (backend instanceof LocalFS) {
        // A link on disk is a host path: it may only point inside the same mount.
        const abs = normalizePath(a.target, dirname(link.path));
        const { mount, rel } = ctx.kernel.vfs.mountFor(abs);
        if (mount !== link.mount) throw new KernelError('EXDEV', `a link in ${link.mount.point} can only point inside ${link.mount.point}; ${abs} is elsewhere`);
        await backend.symlink(rel, link.rel);
        ctx.kernel.vfs.notify('create', link.path);
        return { path: link.path, target: abs };
      }
      if (a.target.includes('\0')) throw new KernelError('EINVAL', 'target contains a NUL byte');
      await backend.symlink(a.target, link.rel);
      ctx.kernel.vfs.notify('create', link.path);
      return { path: link.path, target: a.target };
    },
  }),
  defineSyscall({
    name: 'fs.readlink',
    doc: 'What a symbolic link points to.',
    args: () => z.object({ path }),
    caps: [{ cap: 'READ_FILE', path: 'path', follow: false }],
    returns: 'the target path',
    run: (ctx) => ctx.paths.path!.mount.backend.readlink(ctx.paths.path!.rel),
  }),
  defineSyscall({
    name: 'fs.realpath',
    doc: 'The canonical path: relative parts and symbolic links resolved.',
    args: () => z.object({ path }),
    caps: [{ cap: 'READ_FILE', path: 'path' }],
    returns: 'the canonical path',
    async run(ctx) {
      const r = ctx.paths.path!;
      await r.mount.backend.stat(r.rel);
      return r.path;
    },
  }),
  defineSyscall({
    name: 'fs.chmod',
    doc: 'Change a path\'s permission bits (octal: 644 or "0644").',
    args: () => z.object({ path, mode: z.union([z.number().int().min(0).max(0o7777), z.string().regex(/^0?[0-7]{3,4}$/)]).describe('permission bits, octal') }),
    caps: [{ cap: 'WRITE_FILE', path: 'path' }],
    returns: '{path, mode}',
    async run(ctx, a) {
      const r = ctx.paths.path!;
      const mode = typeof a.mode === 'string' ? parseInt(a.mode, 8) : a.mode;
      await r.mount.backend.chmod(r.rel, mode);
      ctx.kernel.vfs.notify('chmod', r.path);
      return { path: r.path, mode: '0' + mode.toString(8) };
    },
  }),
  defineSyscall({
    name: 'fs.getcwd',
    doc: 'The calling process\'s working directory.',
    args: () => z.object({}),
    caps: [],
    returns: 'a path',
    run: (ctx) => ctx.proc.cwd,
  }),
  defineSyscall({
    name: 'fs.chdir',
    doc: 'Change the calling process\'s working directory.',
    args: () => z.object({ path }),
    caps: [{ cap: 'LIST_DIRECTORY', path: 'path' }],
    returns: 'the new working directory',
    async run(ctx) {
      const r = ctx.paths.path!;
      const st = await r.mount.backend.stat(r.rel);
      if (st.type !== 'dir') throw new KernelError('ENOTDIR', `${r.path} is not a directory`);
      ctx.proc.cwd = r.path;
      return r.path;
    },
  }),
  defineSyscall({
    name: 'fs.watch',
    doc: 'Wait until something at or below a path changes (or the timeout passes).',
    args: () => z.object({ path, timeout_ms: z.number().int().min(0).max(3_600_000).default(30_000).describe('how long to wait') }),
    caps: [{ cap: 'READ_FILE', path: 'path' }],
    returns: '{changed, kind?, path?}',
    run(ctx, a) {
      const r = ctx.paths.path!;
      return new Promise((resolve) => {
        const stops: (() => void)[] = [];
        const done = (v: { changed: boolean; kind?: string; path?: string }) => {
          for (const s of stops) s();
          resolve(v);
        };
        stops.push(ctx.kernel.vfs.watch(r.path, (c) => done({ changed: true, kind: c.kind, path: c.path })));
        const host = r.mount.backend.watchHost?.(r.rel, (rel) => done({ changed: true, kind: 'host', path: r.mount.point + (rel ? '/' + rel : '') }));
        if (host) stops.push(host);
        const t = setTimeout(() => done({ changed: false }), a.timeout_ms);
        stops.push(() => clearTimeout(t));
      });
    },
  }),
  defineSyscall({
    name: 'fs.mount',
    doc: 'Mount a filesystem: memfs (in memory) or localfs (a host folder).',
    args: () => z.object({
      path: path.describe('the mount point (an empty or new folder)'),
      type: z.enum(['memfs', 'localfs']).describe('memfs or localfs'),
      source: z.string().optional().describe('for localfs: the host folder'),
      readonly: z.boolean().default(false).describe('refuse writes'),
    }),
    caps: [{ cap: 'MOUNT', path: 'path', follow: false }],
    returns: '{path, type, source}',
    async run(ctx, a) {
      const point = ctx.paths.path!.path;
      if (point === '/') throw new KernelError('EBUSY', 'the root is already mounted');
      let backend;
      if (a.type === 'memfs') backend = new MemFS(point);
      else {
        if (!a.source) throw new KernelError('EINVAL', 'localfs needs source=<host folder>');
        try {
          backend = new LocalFS(a.source, point, a.readonly);
        } catch {
          throw new KernelError('ENOENT', `host folder ${a.source} does not exist`);
        }
      }
      const parent = await ctx.kernel.resolve(ctx.proc, dirname(point));
      await parent.mount.backend.mkdir(parent.rel ? `${parent.rel}/${basename(point)}` : basename(point), true).catch(() => {});
      ctx.kernel.vfs.mount(point, backend);
      return { path: point, type: a.type, source: backend.source };
    },
  }),
  defineSyscall({
    name: 'fs.unmount',
    doc: 'Unmount a filesystem mounted with fs.mount.',
    args: () => z.object({ path }),
    caps: [{ cap: 'MOUNT', path: 'path', follow: false }],
    returns: '{path}',
    async run(ctx, a) {
      const point = normalizePath(a.path, ctx.proc.cwd);
      if (['/', '/home', '/tmp', '/proc', '/apps'].includes(point)) throw new KernelError('EBUSY', `${point} is a system mount and stays mounted`);
      ctx.kernel.vfs.unmount(point);
      return { path: point };
    },
  }),
];
