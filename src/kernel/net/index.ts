import { ObjectCounts } from '../ipc/objects.js';
import type { ProcessTable } from '../proc/table.js';
import { Sockets } from './sockets.js';

/** The kernel's network side: sockets per process (HTTP and DNS keep no state). */
export class Network {
  readonly sockets: Sockets;

  /** `objects`: the IPC object counts sockets share with pipes, queues and segments. */
  constructor(procs: ProcessTable, objects = new ObjectCounts()) {
    this.sockets = new Sockets(objects);
    procs.on('exit', (p) => this.sockets.release(p.pid));
  }

  /** Bytes received and not yet read by a process's sockets, for the memory accountant. */
  bytesOwnedBy(pid: number): number {
    return this.sockets.bytesOwnedBy(pid);
  }

  shutdown() {
    this.sockets.shutdown();
  }
}
