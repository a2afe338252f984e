import type { ProcessTable } from '../proc/table.js';
import { Sockets } from './sockets.js';

/** The kernel's network side: sockets per process (HTTP and DNS keep no state). */
export class Network {
  readonly sockets = new Sockets();

  constructor(procs: ProcessTable) {
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
