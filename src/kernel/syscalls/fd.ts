import { z } from 'zod';
import { KernelError } from '../errors.js';
import { formatFlags, parseFlags, setStatusFlags, type OpenFlags } from '../fd/flags.js';
import { readAt, seek, writeAt } from '../fd/io.js';
import { OpenFile } from '../fd/table.js';
import type { CapSpec } from '../syscall.js';
import { defineSyscall } from '../syscall.js';
import { dataArg, decode, encode, encodingArg, MAX_DATA } from './data-args.js';

const fd = z.number().int().min(0).describe('a file descriptor of the calling process');

/** The checks an open needs follow from its flags: read, write, and create when O_CREAT. */
function openCaps(a: { flags?: string }): CapSpec[] {
  // Without arguments (the docs asking), list every check an open can make.
  const f: OpenFlags = a.flags === undefined ? { ...parseFlags('w+'), create: true } : parseFlags(a.flags);
  const follow = !f.nofollow && !f.exclusive;
  const caps: CapSpec[] = [];
  if (f.read) caps.push({ cap: 'READ_FILE', path: 'path', follow });
  if (f.write) caps.push({ cap: 'WRITE_FILE', path: 'path', follow });
  if (f.create) caps.push({ cap: 'CREATE_FILE', path: 'path', follow });
  return caps;
}

export const fdSyscalls = [
  defineSyscall({
    name: 'fd.open',
    doc: 'Open a file and get a descriptor: flags r, r+, w, w+, a, a+ (x for exclusive) or O_* names (O_RDWR|O_CREAT).',
    args: () => z.object({
      path: z.string().min(1).describe('a VFS path, absolute or relative to the working directory'),
      flags: z.string().min(1).max(200).default('r').describe('r, r+, w, w+, a, a+, wx... or O_RDONLY|O_WRONLY|O_RDWR with O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_NONBLOCK, O_CLOEXEC, O_NOFOLLOW'),
      mode: z.union([z.number().int().min(0).max(0o7777), z.string().regex(/^0?[0-7]{3,4}$/)]).default('0644').describe('permission bits of a new file, octal'),
    }),
    caps: openCaps,
    returns: '{fd, path, flags}',
    async run(ctx, a) {
      const flags = parseFlags(a.flags);
      const r = ctx.paths.path!;
      const { backend } = r.mount;
      const st = await backend.lstat(r.rel).catch((e: unknown) => {
        if (e instanceof KernelError && e.code === 'ENOENT') return undefined;
        throw e;
      });
      if (st && flags.create && flags.exclusive) throw new KernelError('EEXIST', `${r.path} already exists (O_EXCL)`);
      if (st?.type === 'symlink') throw new KernelError('ELOOP', `${r.path} is a symbolic link (O_NOFOLLOW)`);
      if (st?.type === 'dir') throw new KernelError('EISDIR', `${r.path} is a directory; use fs.list`);
      if (!st && !flags.create) throw new KernelError('ENOENT', `${r.path} does not exist (open with w, a or O_CREAT to create it)`);
      const table = ctx.kernel.fds.table(ctx.proc.pid);
      table.nextFree(); // EMFILE before touching the file
      const mode = typeof a.mode === 'string' ? parseInt(a.mode, 8) : a.mode;
      if (!st) {
        await backend.write(r.rel, Buffer.alloc(0), { exclusive: true, mode });
        ctx.kernel.vfs.notify('create', r.path);
      } else if (flags.truncate && flags.write && st.size > 0) {
        await backend.truncate(r.rel, 0);
        ctx.kernel.vfs.notify('write', r.path);
      }
      const n = table.add(new OpenFile(r, flags), flags.cloexec);
      return { fd: n, path: r.path, flags: formatFlags(flags) };
    },
  }),
  defineSyscall({
    name: 'fd.read',
    doc: 'Read up to length bytes from a descriptor at its offset, moving the offset.',
    args: () => z.object({ fd, length: z.number().int().min(0).max(MAX_DATA).default(65_536).describe('at most this many bytes'), encoding: encodingArg }),
    caps: [],
    returns: '{fd, data, bytes, eof}',
    async run(ctx, a) {
      const file = ctx.kernel.fds.table(ctx.proc.pid).get(a.fd).file;
      const r = await readAt(file, a.length);
      ctx.read(r.data.length);
      // The bytes are a view of the file as the backend holds it: a Buffer caller gets a copy.
      return { fd: a.fd, data: encode(r.data, a.encoding, true), bytes: r.data.length, eof: r.eof };
    },
  }),
  defineSyscall({
    name: 'fd.write',
    doc: 'Write to a descriptor at its offset (at the end with O_APPEND), moving the offset.',
    args: () => z.object({ fd, data: dataArg, encoding: encodingArg }),
    caps: [],
    returns: '{fd, written, offset}',
    async run(ctx, a) {
      const file = ctx.kernel.fds.table(ctx.proc.pid).get(a.fd).file;
      const r = await writeAt(file, decode(a.data, a.encoding));
      ctx.wrote(r.written);
      ctx.kernel.vfs.notify('write', file.path);
      return { fd: a.fd, ...r };
    },
  }),
  defineSyscall({
    name: 'fd.close',
    doc: 'Close a descriptor.',
    args: () => z.object({ fd }),
    caps: [],
    returns: '{fd, closed}',
    run(ctx, a) {
      ctx.kernel.fds.table(ctx.proc.pid).close(a.fd);
      return { fd: a.fd, closed: true };
    },
  }),
  defineSyscall({
    name: 'fd.dup',
    doc: 'A second descriptor (the lowest free) for the same open file; offset and flags are shared.',
    args: () => z.object({ fd }),
    caps: [],
    returns: '{fd}',
    run: (ctx, a) => ({ fd: ctx.kernel.fds.table(ctx.proc.pid).dup(a.fd) }),
  }),
  defineSyscall({
    name: 'fd.dup2',
    doc: 'Make newfd refer to the same open file as fd, closing what newfd was.',
    args: () => z.object({ fd, newfd: z.number().int().min(0).describe('the descriptor number to (re)use') }),
    caps: [],
    returns: '{fd}',
    run: (ctx, a) => ({ fd: ctx.kernel.fds.table(ctx.proc.pid).dup2(a.fd, a.newfd) }),
  }),
  defineSyscall({
    name: 'fd.lseek',
    doc: 'Move a descriptor\'s offset: from the start (set), the current offset (cur) or the end (end).',
    args: () => z.object({
      fd,
      offset: z.number().int().min(-MAX_DATA * 64).max(MAX_DATA * 64).describe('bytes (may be negative with cur or end)'),
      whence: z.enum(['set', 'cur', 'end']).default('set').describe('what offset counts from'),
    }),
    caps: [],
    returns: '{fd, offset}',
    async run(ctx, a) {
      const file = ctx.kernel.fds.table(ctx.proc.pid).get(a.fd).file;
      return { fd: a.fd, offset: await seek(file, a.offset, a.whence) };
    },
  }),
  defineSyscall({
    name: 'fd.fcntl',
    doc: 'Get or set a descriptor\'s flags: getfl/setfl (O_APPEND, O_NONBLOCK), getfd/setfd (FD_CLOEXEC).',
    args: () => z.object({
      fd,
      cmd: z.enum(['getfl', 'setfl', 'getfd', 'setfd']).describe('getfl, setfl, getfd or setfd'),
      arg: z.union([z.string().max(200), z.number().int(), z.boolean()]).optional().describe('setfl: flag names like O_APPEND|O_NONBLOCK; setfd: FD_CLOEXEC, true or 1 (0/false clears)'),
    }),
    caps: [],
    returns: '{fd, flags} or {fd, cloexec}',
    run(ctx, a) {
      const slot = ctx.kernel.fds.table(ctx.proc.pid).get(a.fd);
      const f = slot.file.flags;
      switch (a.cmd) {
        case 'getfl':
          return { fd: a.fd, flags: formatFlags(f), append: f.append, nonblock: f.nonblock };
        case 'setfl':
          setStatusFlags(f, typeof a.arg === 'string' ? a.arg : '');
          return { fd: a.fd, flags: formatFlags(f), append: f.append, nonblock: f.nonblock };
        case 'getfd':
          return { fd: a.fd, cloexec: slot.cloexec };
        case 'setfd':
          slot.cloexec = a.arg === true || a.arg === 1 || (typeof a.arg === 'string' && /^(FD_CLOEXEC|1|true)$/i.test(a.arg.trim()));
          return { fd: a.fd, cloexec: slot.cloexec };
      }
    },
  }),
  defineSyscall({
    name: 'fd.list',
    doc: 'The calling process\'s open descriptors: path, flags and offset of each.',
    args: () => z.object({}),
    caps: [],
    returns: '[{fd, path, flags, offset, cloexec}]',
    run: (ctx) => ctx.kernel.fds.table(ctx.proc.pid).entries().map(([n, s]) => ({ fd: n, path: s.file.path, flags: formatFlags(s.file.flags), offset: s.file.offset, cloexec: s.cloexec })),
  }),
];
