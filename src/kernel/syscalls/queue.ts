import { z } from 'zod';
import { MESSAGE_OVERHEAD, QUEUE_DEFAULT_CAPACITY, QUEUE_KINDS } from '../ipc/queue.js';
import { defineSyscall } from '../syscall.js';
import { idArg, pidArg, timeoutArg } from './data-args.js';

const id = idArg('queue');

export const queueSyscalls = [
  defineSyscall({
    name: 'queue.create',
    doc: 'Make a message queue: fifo, priority (highest first) or pubsub (every subscriber gets every message).',
    args: () => z.object({
      kind: z.enum(QUEUE_KINDS).default('fifo').describe('fifo, priority or pubsub'),
      capacity: z.number().int().min(1).max(1_000_000).default(QUEUE_DEFAULT_CAPACITY).describe('messages held (per subscriber for pubsub) before sends get EAGAIN'),
      allow: z.array(pidArg('a pid')).max(1024).default([]).describe('other processes that may send, receive and subscribe'),
    }),
    caps: [{ cap: 'SEND_MESSAGE' }],
    returns: '{id, kind, capacity, allow}',
    run(ctx, a) {
      for (const pid of a.allow) ctx.kernel.procs.require(pid);
      const q = ctx.kernel.ipc.queues.create(ctx.proc.pid, { kind: a.kind, capacity: a.capacity, allow: a.allow });
      return { id: q.id, kind: q.kind, capacity: q.capacity, allow: [...q.allow] };
    },
  }),
  defineSyscall({
    name: 'queue.send',
    doc: 'Send a message (EAGAIN when the queue is full, EPIPE once it is closed).',
    args: () => z.object({
      id,
      data: z.string().max(16 * 1024 * 1024).describe('the message (text; JSON is fine)'),
      priority: z.number().int().min(0).max(255).default(0).describe('for priority queues: higher is received first'),
    }),
    caps: [{ cap: 'SEND_MESSAGE' }],
    returns: '{id, seq, delivered}',
    run(ctx, a) {
      const r = ctx.kernel.ipc.queues.send(ctx.proc.pid, a.id, a.data, a.priority);
      ctx.wrote(Buffer.byteLength(a.data));
      return r;
    },
  }),
  defineSyscall({
    name: 'queue.receive',
    doc: 'Take the next message, waiting while the queue is empty; data is null and closed true once a closed queue drained.',
    args: () => z.object({ id, timeout_ms: timeoutArg(30_000, 'how long to wait for a message') }),
    caps: [{ cap: 'RECEIVE_MESSAGE' }],
    returns: '{data, priority, from, sent_at, seq, closed}',
    async run(ctx, a) {
      const r = await ctx.kernel.ipc.queues.receive(ctx.proc.pid, a.id, a.timeout_ms);
      if (r.data) ctx.read(Buffer.byteLength(r.data));
      return r;
    },
  }),
  defineSyscall({
    name: 'queue.subscribe',
    doc: 'Subscribe to a pubsub queue: from now on the caller gets its own copy of every message.',
    args: () => z.object({ id }),
    caps: [{ cap: 'RECEIVE_MESSAGE' }],
    returns: '{id, subscribed, subscribers}',
    run: (ctx, a) => ctx.kernel.ipc.queues.subscribe(ctx.proc.pid, a.id),
  }),
  defineSyscall({
    name: 'queue.unsubscribe',
    doc: 'Stop receiving a pubsub queue\'s messages; what was waiting for the caller is dropped.',
    args: () => z.object({ id }),
    caps: [],
    returns: '{id, subscribed, subscribers}',
    run: (ctx, a) => ctx.kernel.ipc.queues.unsubscribe(ctx.proc.pid, a.id),
  }),
  defineSyscall({
    name: 'queue.close',
    doc: 'Close a queue you own to new messages; receivers still get what is queued.',
    args: () => z.object({ id }),
    caps: [],
    returns: '{id, closed}',
    run: (ctx, a) => ctx.kernel.ipc.queues.close(ctx.proc.pid, a.id),
  }),
  defineSyscall({
    name: 'queue.destroy',
    doc: 'Destroy a queue you own and what it holds; blocked receivers get EBADF.',
    args: () => z.object({ id }),
    caps: [],
    returns: '{id, destroyed}',
    run: (ctx, a) => ctx.kernel.ipc.queues.destroy(ctx.proc.pid, a.id),
  }),
  defineSyscall({
    name: 'queue.stats',
    doc: 'One queue\'s depth, bytes and counters, or (without id) the totals and the caller\'s queues.',
    args: () => z.object({ id: id.optional() }),
    caps: [],
    returns: `{id, owner, kind, capacity, depth, bytes, charged_bytes, sent, received, subscribers, closed} or {queues, bytes, limit, objects, mine} (charged: the text plus ${MESSAGE_OVERHEAD} bytes a message)`,
    run: (ctx, a) => (a.id === undefined ? ctx.kernel.ipc.queues.summary(ctx.proc.pid) : ctx.kernel.ipc.queues.stats(ctx.proc.pid, a.id)),
  }),
];
