import { KernelError } from '../errors.js';
import type { Resolved } from '../vfs/vfs.js';
import type { OpenFlags } from './flags.js';

export const FD_LIMIT = 1024;
/** fds 0-2 stay for standard streams, as a POSIX program expects. */
export const FIRST_FD = 3;

/**
 * An open file description: the canonical path resolved (and checked) at open, the
 * status flags and the offset. dup'd fds share one, as in POSIX.
 */
export class OpenFile {
  offset = 0;
  refs = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly file: Resolved, readonly flags: OpenFlags) {}

  get path() {
    return this.file.path;
  }

  /** Run one read or write at a time, so two writers at the same offset cannot interleave. */
  serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.tail.then(op, op);
    this.tail = run.catch(() => {});
    return run;
  }
}

export interface Slot {
  file: OpenFile;
  /** FD_CLOEXEC: per descriptor, not shared by dup. */
  cloexec: boolean;
}

/** One process's descriptors. Numbers mean nothing outside it. */
export class FdTable {
  private readonly slots = new Map<number, Slot>();

  constructor(readonly limit = FD_LIMIT) {}

  get size() {
    return this.slots.size;
  }

  entries(): [number, Slot][] {
    return [...this.slots].sort((a, b) => a[0] - b[0]);
  }

  /** The lowest free number at or above `from` (POSIX picks the lowest); EMFILE when none is. */
  nextFree(from = FIRST_FD): number {
    let fd = from;
    while (this.slots.has(fd)) fd++;
    if (fd >= this.limit) throw new KernelError('EMFILE', `too many open files (descriptors up to ${this.limit - 1} are in use); close some first`);
    return fd;
  }

  add(file: OpenFile, cloexec: boolean): number {
    const fd = this.nextFree();
    this.place(fd, file, cloexec);
    return fd;
  }

  get(fd: number): Slot {
    const s = this.slots.get(fd);
    if (!s) throw new KernelError('EBADF', `fd ${fd} is not open in this process`);
    return s;
  }

  close(fd: number) {
    const s = this.get(fd);
    this.slots.delete(fd);
    s.file.refs--;
  }

  dup(fd: number): number {
    return this.add(this.get(fd).file, false);
  }

  /** Make newfd refer to fd's open file, closing what newfd held. */
  dup2(fd: number, newfd: number): number {
    const s = this.get(fd);
    if (newfd < 0 || newfd >= this.limit) throw new KernelError('EBADF', `fd ${newfd} is outside 0..${this.limit - 1}`);
    if (fd === newfd) return newfd;
    if (this.slots.has(newfd)) this.close(newfd);
    this.place(newfd, s.file, false);
    return newfd;
  }

  closeAll() {
    for (const fd of [...this.slots.keys()]) this.close(fd);
  }

  private place(fd: number, file: OpenFile, cloexec: boolean) {
    file.refs++;
    this.slots.set(fd, { file, cloexec });
  }
}
