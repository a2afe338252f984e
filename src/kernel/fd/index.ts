import type { ProcessTable } from '../proc/table.js';
import { FD_LIMIT, FdTable } from './table.js';

/** What one open descriptor costs the kernel, roughly, for the memory accountant. */
export const FD_COST_BYTES = 256;

/** Every process's fd table, made on first use and dropped when the process exits. */
export class FileDescriptors {
  private readonly tables = new Map<number, FdTable>();

  constructor(procs: ProcessTable, readonly limit = FD_LIMIT) {
    procs.on('exit', (p) => this.release(p.pid));
  }

  table(pid: number): FdTable {
    let t = this.tables.get(pid);
    if (!t) this.tables.set(pid, (t = new FdTable(this.limit)));
    return t;
  }

  openCount(pid: number): number {
    return this.tables.get(pid)?.size ?? 0;
  }

  bytesOwnedBy(pid: number): number {
    return this.openCount(pid) * FD_COST_BYTES;
  }

  release(pid: number) {
    this.tables.get(pid)?.closeAll();
    this.tables.delete(pid);
  }

  shutdown() {
    for (const pid of [...this.tables.keys()]) this.release(pid);
  }
}
