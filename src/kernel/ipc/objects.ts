import { KernelError } from '../errors.js';

/** IPC objects one process may own at once: pipes, queues, shm segments and sockets together. */
export const IPC_OBJECTS_PER_PROCESS = 1024;
/** IPC objects the whole kernel holds at once. */
export const IPC_OBJECTS_GLOBAL = 16_384;

export const OBJECT_KINDS = ['pipe', 'queue', 'segment', 'socket'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** How a process frees each kind, for the refusal message. */
const FREE_WITH: Record<ObjectKind, string> = { pipe: 'pipe.destroy', queue: 'queue.destroy', segment: 'shm.destroy', socket: 'socket.close' };

type Owned = Record<ObjectKind, number>;

/**
 * Counts of the IPC objects each process owns. The byte limits alone do not bound them:
 * a 1-byte segment or an empty queue still costs the host far more than one byte, so
 * 200,000 of them would hold hundreds of MB. Every create takes a slot here first and
 * every removal (destroy, close, the owner's exit) gives it back.
 */
export class ObjectCounts {
  private readonly owned = new Map<number, Owned>();
  private held = 0;

  /** Both limits may be changed at run time (tests, a host with more memory). */
  constructor(
    public perProcess = IPC_OBJECTS_PER_PROCESS,
    public global = IPC_OBJECTS_GLOBAL,
  ) {}

  /** Take a slot for a new object of `pid`, or refuse with what it holds and how to free some. */
  take(pid: number, kind: ObjectKind) {
    const mine = this.owned.get(pid);
    const n = mine ? sum(mine) : 0;
    if (n >= this.perProcess) {
      throw new KernelError('EMFILE', `too many open IPC objects: process ${pid} owns ${n} (${breakdown(mine!)}), the most one process may; free some with ${freeWith(mine!)} and try again`);
    }
    if (this.held >= this.global) {
      throw new KernelError('ENOSPC', `too many open IPC objects: the kernel holds ${this.held}, its limit (process ${pid} owns ${n}); free some with pipe.destroy, queue.destroy, shm.destroy or socket.close, or end processes that hold many`);
    }
    const counts = mine ?? { pipe: 0, queue: 0, segment: 0, socket: 0 };
    counts[kind]++;
    this.owned.set(pid, counts);
    this.held++;
  }

  /** An object of `pid` is gone. */
  give(pid: number, kind: ObjectKind) {
    const counts = this.owned.get(pid);
    if (!counts || counts[kind] === 0) return;
    counts[kind]--;
    this.held--;
    if (sum(counts) === 0) this.owned.delete(pid);
  }

  /** Objects a process owns (all kinds). */
  ownedBy(pid: number): number {
    const counts = this.owned.get(pid);
    return counts ? sum(counts) : 0;
  }

  /** Objects the kernel holds. */
  get total(): number {
    return this.held;
  }

  stats(pid: number) {
    return { owned: this.ownedBy(pid), per_process_limit: this.perProcess, total: this.held, global_limit: this.global };
  }
}

const sum = (c: Owned) => c.pipe + c.queue + c.segment + c.socket;

const NAMES: Record<ObjectKind, string> = { pipe: 'pipes', queue: 'queues', segment: 'shm segments', socket: 'sockets' };
const breakdown = (c: Owned) => OBJECT_KINDS.map((k) => `${c[k]} ${NAMES[k]}`).join(', ');
const freeWith = (c: Owned) => OBJECT_KINDS.filter((k) => c[k] > 0).map((k) => FREE_WITH[k]).join(', ');
