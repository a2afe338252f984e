import { z } from 'zod';
import { SHM_SEGMENT_LIMIT } from '../ipc/shm.js';
import { defineSyscall } from '../syscall.js';
import { dataArg, decode, encode, encodingArg, idArg, pidArg } from './data-args.js';

const id = idArg('segment');
const offset = z.number().int().min(0).default(0).describe('byte offset into the segment');

export const shmSyscalls = [
  defineSyscall({
    name: 'shm.create',
    doc: 'Make a shared memory segment (up to 100 MB; 500 MB in all); the caller owns it and is attached read-write.',
    args: () => z.object({
      size: z.number().int().min(1).describe(`size in bytes (at most ${SHM_SEGMENT_LIMIT})`),
      allow: z.array(pidArg('a pid')).max(1024).default([]).describe('other processes that may attach'),
      access: z.enum(['read', 'read-write']).default('read-write').describe('what the allowed processes may do'),
    }),
    caps: [{ cap: 'SEND_MESSAGE' }],
    returns: '{id, size, allow, access}',
    run(ctx, a) {
      for (const pid of a.allow) ctx.kernel.procs.require(pid);
      const s = ctx.kernel.ipc.shm.create(ctx.proc.pid, { size: a.size, allow: a.allow, access: a.access });
      return { id: s.id, size: s.size, allow: [...s.allow], access: s.access };
    },
  }),
  defineSyscall({
    name: 'shm.attach',
    doc: 'Attach to a segment you own or were allowed, read-only or read-write.',
    args: () => z.object({ id, read_only: z.boolean().default(false).describe('refuse writes through this attachment') }),
    caps: (a) => [{ cap: 'RECEIVE_MESSAGE' }, ...(a.read_only ? [] : [{ cap: 'SEND_MESSAGE' as const }])],
    returns: '{id, size, read_only}',
    run: (ctx, a) => ctx.kernel.ipc.shm.attach(ctx.proc.pid, a.id, a.read_only),
  }),
  defineSyscall({
    name: 'shm.detach',
    doc: 'Detach from a segment.',
    args: () => z.object({ id }),
    caps: [],
    returns: '{id, detached}',
    run: (ctx, a) => ctx.kernel.ipc.shm.detach(ctx.proc.pid, a.id),
  }),
  defineSyscall({
    name: 'shm.write',
    doc: 'Write bytes into a segment at an offset (needs a read-write attachment).',
    args: () => z.object({ id, offset, data: dataArg, encoding: encodingArg }),
    caps: [{ cap: 'SEND_MESSAGE' }],
    returns: '{id, offset, written}',
    run(ctx, a) {
      const r = ctx.kernel.ipc.shm.write(ctx.proc.pid, a.id, a.offset, decode(a.data, a.encoding));
      ctx.wrote(r.written);
      return r;
    },
  }),
  defineSyscall({
    name: 'shm.read',
    doc: 'Read bytes of a segment from an offset (to the end without size).',
    args: () => z.object({ id, offset, size: z.number().int().min(0).optional().describe('how many bytes (default: to the end)'), encoding: encodingArg }),
    caps: [{ cap: 'RECEIVE_MESSAGE' }],
    returns: '{id, offset, data, bytes}',
    run(ctx, a) {
      const data = ctx.kernel.ipc.shm.read(ctx.proc.pid, a.id, a.offset, a.size);
      ctx.read(data.length);
      return { id: a.id, offset: a.offset, data: encode(data, a.encoding), bytes: data.length };
    },
  }),
  defineSyscall({
    name: 'shm.destroy',
    doc: 'Destroy a segment you own; every attachment ends.',
    args: () => z.object({ id }),
    caps: [],
    returns: '{id, destroyed}',
    run: (ctx, a) => ctx.kernel.ipc.shm.destroy(ctx.proc.pid, a.id),
  }),
  defineSyscall({
    name: 'shm.stats',
    doc: 'One segment\'s owner, permissions and attachments, or (without id) the totals and the caller\'s segments.',
    args: () => z.object({ id: id.optional() }),
    caps: [],
    returns: '{id, owner, size, allow, access, attachments, bytes_read, bytes_written} or {segments, bytes, limit, segment_limit, objects, mine}',
    run: (ctx, a) => (a.id === undefined ? ctx.kernel.ipc.shm.summary(ctx.proc.pid) : ctx.kernel.ipc.shm.stats(ctx.proc.pid, a.id)),
  }),
];
