import type { ProcessTable } from '../proc/table.js';
import { Pipes } from './pipe.js';
import { Queues } from './queue.js';
import { SharedMemory } from './shm.js';

/**
 * Inter-process communication: pipes, shared memory and message queues. Each keeps
 * byte counts per owner so the memory accountant can charge them, and frees what a
 * process owned when it exits.
 */
export class IPC {
  readonly pipes = new Pipes();
  readonly shm = new SharedMemory();
  readonly queues = new Queues();

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
