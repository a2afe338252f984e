import { z } from 'zod';
import { PIPE_DEFAULT_CAPACITY, PIPE_GLOBAL_LIMIT } from '../ipc/pipe.js';
import { defineSyscall, type SyscallContext } from '../syscall.js';
import { dataArg, decode, encode, encodingArg, idArg, pidArg, timeoutArg } from './data-args.js';

const id = idArg('pipe');

/** A named endpoint must be a live process. */
function endpoint(ctx: SyscallContext, pid: number | undefined): number {
  return pid === undefined ? ctx.proc.pid : ctx.kernel.procs.require(pid).pid;
}

export const pipeSyscalls = [
  defineSyscall({
    name: 'pipe.create',
    doc: 'Make a one-way pipe from a writer process to a reader process (both default to the caller).',
    args: () => z.object({
      reader_pid: pidArg('the process that reads (default: the caller)').optional(),
      writer_pid: pidArg('the process that writes (default: the caller)').optional(),
      capacity: z.number().int().min(1).max(PIPE_GLOBAL_LIMIT).default(PIPE_DEFAULT_CAPACITY).describe('buffer size in bytes; a write to a full pipe waits'),
    }),
    caps: [{ cap: 'SEND_MESSAGE' }],
    returns: '{id, reader_pid, writer_pid, capacity}',
    run(ctx, a) {
      const p = ctx.kernel.ipc.pipes.create(ctx.proc.pid, { readerPid: endpoint(ctx, a.reader_pid), writerPid: endpoint(ctx, a.writer_pid), capacity: a.capacity });
      return { id: p.id, reader_pid: p.readerPid, writer_pid: p.writerPid, capacity: p.capacity };
    },
  }),
  defineSyscall({
    name: 'pipe.write',
    doc: 'Write to a pipe, waiting while it is full (EAGAIN instead when nonblocking; EPIPE without a reader).',
    args: () => z.object({
      id,
      data: dataArg,
      encoding: encodingArg,
      nonblocking: z.boolean().default(false).describe('write what fits now instead of waiting'),
      timeout_ms: timeoutArg(30_000, 'how long to wait for space'),
    }),
    caps: [{ cap: 'SEND_MESSAGE' }],
    returns: '{id, written}',
    async run(ctx, a) {
      const r = await ctx.kernel.ipc.pipes.write(ctx.proc.pid, a.id, decode(a.data, a.encoding), { nonblocking: a.nonblocking, timeoutMs: a.timeout_ms });
      ctx.wrote(r.written);
      return { id: a.id, written: r.written };
    },
  }),
  defineSyscall({
    name: 'pipe.read',
    doc: 'Read what a pipe holds (up to max_bytes), waiting while it is empty; eof once the writer closed and it drained.',
    args: () => z.object({
      id,
      max_bytes: z.number().int().min(1).max(PIPE_GLOBAL_LIMIT).optional().describe('at most this many bytes (default: the pipe\'s capacity)'),
      timeout_ms: timeoutArg(30_000, 'how long to wait for data'),
      encoding: encodingArg,
    }),
    caps: [{ cap: 'RECEIVE_MESSAGE' }],
    returns: '{id, data, bytes, eof}',
    async run(ctx, a) {
      const r = await ctx.kernel.ipc.pipes.read(ctx.proc.pid, a.id, { maxBytes: a.max_bytes, timeoutMs: a.timeout_ms, utf8: a.encoding === 'utf8' });
      ctx.read(r.data.length);
      return { id: a.id, data: encode(r.data, a.encoding), bytes: r.data.length, eof: r.eof };
    },
  }),
  defineSyscall({
    name: 'pipe.close',
    doc: 'Close one end of a pipe: the write end (the reader then sees EOF) or the read end (writers get EPIPE).',
    args: () => z.object({ id, end: z.enum(['read', 'write']).describe('which end to close') }),
    caps: [],
    returns: '{id, end, closed}',
    run: (ctx, a) => ctx.kernel.ipc.pipes.close(ctx.proc.pid, a.id, a.end),
  }),
  defineSyscall({
    name: 'pipe.destroy',
    doc: 'Destroy a pipe you created; blocked readers and writers are released with EBADF.',
    args: () => z.object({ id }),
    caps: [],
    returns: '{id, destroyed}',
    run: (ctx, a) => ctx.kernel.ipc.pipes.destroy(ctx.proc.pid, a.id),
  }),
  defineSyscall({
    name: 'pipe.stats',
    doc: 'One pipe\'s state and counters, or (without id) the totals and the caller\'s pipes.',
    args: () => z.object({ id: id.optional() }),
    caps: [],
    returns: '{id, owner, reader_pid, writer_pid, capacity, buffered, bytes_written, bytes_read, ...} or {pipes, buffered, reserved, limit, objects, mine} (objects: IPC objects the caller owns and the limits)',
    run: (ctx, a) => (a.id === undefined ? ctx.kernel.ipc.pipes.summary(ctx.proc.pid) : ctx.kernel.ipc.pipes.stats(ctx.proc.pid, a.id)),
  }),
];
