import type { ProcessTable } from '../proc/table.js';
import { ObjectCounts } from './objects.js';
import { Pipes } from './pipe.js';
import { Queues } from './queue.js';
import { SharedMemory } from './shm.js';

/**
 * Inter-process communication: pipes, shared memory and message queues. Each keeps
 * byte counts per owner so the memory accountant can charge them, and frees what a
 * process owned when it exits. One count of objects per process (sockets included)
 * bounds how many a process may hold: `objects.perProcess`, `objects.global`.
 */
export class IPC {
  readonly objects = new ObjectCounts();
  readonly pipes = new Pipes(undefined, this.objects);
  readonly shm = new SharedMemory(undefined, undefined, this.objects);
  readonly queues = new Queues(undefined, this.objects);

  constructor(procs: ProcessTable) {
    procs.on('exit', (p) => this.release(p.pid));
  }

  /** Bytes held in IPC objects a process owns (pipe buffers, segments, queued messages). */
  bytesOwnedBy(pid: number): number {
    return this.pipes.bytesOwnedBy(pid) + this.shm.bytesOwnedBy(pid) + this.queues.bytesOwnedBy(pid);
  }

  release(pid: number) {
    this.pipes.release(pid);
    this.shm.release(pid);
    this.queues.release(pid);
  }

  shutdown() {
    this.pipes.shutdown();
    this.shm.shutdown();
    this.queues.shutdown();
  }
}
