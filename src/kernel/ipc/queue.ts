import { KernelError } from '../errors.js';
import { lookup, mb, refuse, requireOwner } from './access.js';
import { FifoInbox, PriorityInbox, type Inbox, type Message } from './inbox.js';
import { ObjectCounts } from './objects.js';
import { Deadline, WaitList } from './wait.js';

export const QUEUE_KINDS = ['fifo', 'priority', 'pubsub'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];
export const QUEUE_DEFAULT_CAPACITY = 1024;
export const QUEUE_GLOBAL_LIMIT = 100 * 1024 * 1024;
/**
 * What each queued message is charged beyond its text, toward the byte limits and the
 * owner's memory: an empty message still costs the host its record, so a flood of them
 * must reach the limit too.
 */
export const MESSAGE_OVERHEAD = 64;

export interface QueueSpec {
  kind: QueueKind;
  /** Messages a queue (for pub/sub: each subscriber's inbox) holds before sends get EAGAIN. */
  capacity?: number;
  /** Pids (besides the owner) that may send, receive and subscribe. */
  allow?: number[];
}

export interface Received {
  data: string | null;
  priority?: number;
  from?: number;
  sent_at?: string;
  seq?: number;
  closed: boolean;
}

export class Queue {
  /** FIFO and priority queues: the one inbox every receiver takes from. */
  readonly inbox: Inbox | undefined;
  /** Pub/sub: one inbox per subscriber, each getting every message. */
  readonly subscribers = new Map<number, Inbox>();
  readonly waiters = new WaitList();
  readonly allow: Set<number>;
  readonly capacity: number;
  closed = false;
  destroyed = false;
  sent = 0;
  received = 0;
  /** Text of the queued messages. */
  bytes = 0;
  /** What they are charged: their text and each one's MESSAGE_OVERHEAD. */
  charged = 0;

  constructor(readonly id: number, readonly owner: number, readonly kind: QueueKind, spec: QueueSpec) {
    this.capacity = spec.capacity ?? QUEUE_DEFAULT_CAPACITY;
    this.allow = new Set(spec.allow ?? []);
    this.inbox = kind === 'pubsub' ? undefined : newInbox(kind);
  }

  mayUse(pid: number) {
    return pid === this.owner || this.allow.has(pid);
  }

  /** Messages waiting (pub/sub: in the fullest inbox). */
  get depth() {
    if (this.inbox) return this.inbox.length;
    let n = 0;
    for (const box of this.subscribers.values()) n = Math.max(n, box.length);
    return n;
  }

  stats() {
    return {
      id: this.id,
      owner: this.owner,
      kind: this.kind,
      capacity: this.capacity,
      depth: this.depth,
      bytes: this.bytes,
      charged_bytes: this.charged,
      sent: this.sent,
      received: this.received,
      subscribers: this.kind === 'pubsub' ? [...this.subscribers.keys()] : undefined,
      allow: [...this.allow],
      closed: this.closed,
      blocked_receivers: this.waiters.size,
    };
  }
}

const newInbox = (kind: QueueKind): Inbox => (kind === 'priority' ? new PriorityInbox() : new FifoInbox());

/** Message queues: FIFO, priority and pub/sub, with per-queue capacity and a global byte limit. */
export class Queues {
  private readonly queues = new Map<number, Queue>();
  private nextId = 1;
  private seq = 0;
  /** Charged bytes of every queued message (text and overhead). */
  private bytes = 0;

  constructor(
    readonly globalLimit = QUEUE_GLOBAL_LIMIT,
    private readonly objects = new ObjectCounts(),
  ) {}

  create(owner: number, spec: QueueSpec): Queue {
    if (spec.capacity !== undefined && (!Number.isInteger(spec.capacity) || spec.capacity < 1)) throw new KernelError('EINVAL', 'capacity must be a whole number of messages, at least 1');
    this.objects.take(owner, 'queue');
    const q = new Queue(this.nextId++, owner, spec.kind, spec);
    this.queues.set(q.id, q);
    return q;
  }

  send(pid: number, id: number, data: string, priority = 0): { id: number; seq: number; delivered: number } {
    const q = this.usable(pid, id);
    if (q.closed) throw new KernelError('EPIPE', `queue ${id} is closed to new messages`);
    const boxes = q.inbox ? [q.inbox] : [...q.subscribers.values()];
    if (boxes.some((b) => b.length >= q.capacity)) {
      throw new KernelError('EAGAIN', `queue ${id} is full (${q.capacity} messages${q.inbox ? '' : ' in a subscriber\'s inbox'}); try again after a receive`);
    }
    const bytes = Buffer.byteLength(data);
    if (boxes.length && this.bytes + bytes + MESSAGE_OVERHEAD > this.globalLimit) {
      throw new KernelError('ENOSPC', `queued messages would exceed the ${mb(this.globalLimit)} global limit; receive or destroy queued messages first`);
    }
    const m: Message = { data, bytes, priority, from: pid, sentAt: Date.now(), seq: ++this.seq, refs: boxes.length };
    for (const b of boxes) b.push(m);
    if (boxes.length) this.charge(q, bytes, 1);
    q.sent++;
    q.waiters.wake();
    return { id, seq: m.seq, delivered: boxes.length };
  }

  /** The next message for the caller, waiting up to timeoutMs; `closed` once a closed queue is drained. */
  async receive(pid: number, id: number, timeoutMs = 30_000): Promise<Received> {
    const q = this.usable(pid, id);
    const deadline = new Deadline(timeoutMs);
    for (;;) {
      if (q.destroyed) throw new KernelError('EBADF', `queue ${id} was destroyed`);
      const box = q.inbox ?? q.subscribers.get(pid);
      if (!box) throw new KernelError('EINVAL', `process ${pid} is not subscribed to pub/sub queue ${id} (queue.subscribe first)`);
      const m = box.shift();
      if (m) {
        this.unref(q, m);
        q.received++;
        return { data: m.data, priority: m.priority, from: m.from, sent_at: new Date(m.sentAt).toISOString(), seq: m.seq, closed: false };
      }
      if (q.closed) return { data: null, closed: true };
      await q.waiters.wait(deadline.left(`queue ${id} is empty`));
    }
  }

  subscribe(pid: number, id: number) {
    const q = this.usable(pid, id);
    if (q.kind !== 'pubsub') throw new KernelError('EINVAL', `queue ${id} is a ${q.kind} queue; only pubsub queues take subscribers`);
    if (!q.subscribers.has(pid)) q.subscribers.set(pid, new FifoInbox());
    return { id, subscribed: true, subscribers: q.subscribers.size };
  }

  unsubscribe(pid: number, id: number) {
    const q = this.usable(pid, id);
    const box = q.subscribers.get(pid);
    if (!box) throw new KernelError('EINVAL', `process ${pid} is not subscribed to queue ${id}`);
    this.dropInbox(q, pid, box);
    return { id, subscribed: false, subscribers: q.subscribers.size };
  }

  /** No more sends; receivers still get what is queued, then `closed`. */
  close(pid: number, id: number) {
    const q = this.usable(pid, id);
    requireOwner(q, 'queue', pid);
    q.closed = true;
    q.waiters.wake();
    return { id, closed: true };
  }

  destroy(pid: number, id: number) {
    const q = this.usable(pid, id);
    requireOwner(q, 'queue', pid);
    this.remove(q);
    return { id, destroyed: true };
  }

  stats(pid: number, id: number) {
    return this.usable(pid, id).stats();
  }

  summary(pid: number) {
    const mine = [...this.queues.values()].filter((q) => q.mayUse(pid));
    return { queues: this.queues.size, bytes: this.bytes, limit: this.globalLimit, objects: this.objects.stats(pid), mine: mine.map((q) => q.stats()) };
  }

  /** Charged bytes (text and overhead) of the messages in a process's queues, for the memory accountant. */
  bytesOwnedBy(pid: number): number {
    let n = 0;
    for (const q of this.queues.values()) if (q.owner === pid) n += q.charged;
    return n;
  }

  /** A process exited: its queues go, and it leaves the pub/sub queues it was subscribed to. */
  release(pid: number) {
    for (const q of [...this.queues.values()]) {
      if (q.owner === pid) this.remove(q);
      else {
        q.allow.delete(pid);
        const box = q.subscribers.get(pid);
        if (box) this.dropInbox(q, pid, box);
      }
    }
  }

  shutdown() {
    for (const q of [...this.queues.values()]) this.remove(q);
  }

  private usable(pid: number, id: number): Queue {
    const q = lookup(this.queues, 'queue', id);
    if (!q.mayUse(pid)) throw refuse('queue', id, pid);
    return q;
  }

  /** Count `messages` more (or fewer) messages of `bytes` text in total. */
  private charge(q: Queue, bytes: number, messages: number) {
    const cost = bytes + messages * MESSAGE_OVERHEAD;
    q.bytes += bytes;
    q.charged += cost;
    this.bytes += cost;
  }

  /** One inbox let go of a message; the last one frees its bytes. */
  private unref(q: Queue, m: Message) {
    if (--m.refs === 0) this.charge(q, -m.bytes, -1);
  }

  private dropInbox(q: Queue, pid: number, box: Inbox) {
    for (const m of box.drain()) this.unref(q, m);
    q.subscribers.delete(pid);
  }

  private remove(q: Queue) {
    if (!this.queues.delete(q.id)) return;
    q.destroyed = true;
    this.objects.give(q.owner, 'queue');
    for (const m of q.inbox?.drain() ?? []) this.unref(q, m);
    for (const [pid, box] of [...q.subscribers]) this.dropInbox(q, pid, box);
    q.waiters.wake();
  }
}
