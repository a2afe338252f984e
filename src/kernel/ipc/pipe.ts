import { KernelError } from '../errors.js';
import { lookup, mb, refuse, requireOwner } from './access.js';
import { ByteQueue, utf8Cut } from './byte-queue.js';
import { ObjectCounts } from './objects.js';
import { Deadline, WaitList } from './wait.js';

export const PIPE_DEFAULT_CAPACITY = 64 * 1024;
export const PIPE_GLOBAL_LIMIT = 50 * 1024 * 1024;

export interface PipeSpec {
  readerPid?: number;
  writerPid?: number;
  capacity?: number;
}

/** A one-way byte channel with a bounded buffer. */
export class Pipe {
  readonly buffer = new ByteQueue();
  readonly readers = new WaitList();
  readonly writers = new WaitList();
  readClosed = false;
  writeClosed = false;
  destroyed = false;
  bytesWritten = 0;
  bytesRead = 0;
  readonly createdAt = Date.now();

  constructor(
    readonly id: number,
    readonly owner: number,
    readonly readerPid: number,
    readonly writerPid: number,
    readonly capacity: number,
  ) {}

  get space() {
    return this.capacity - this.buffer.length;
  }

  stats() {
    return {
      id: this.id,
      owner: this.owner,
      reader_pid: this.readerPid,
      writer_pid: this.writerPid,
      capacity: this.capacity,
      buffered: this.buffer.length,
      bytes_written: this.bytesWritten,
      bytes_read: this.bytesRead,
      read_closed: this.readClosed,
      write_closed: this.writeClosed,
      blocked_readers: this.readers.size,
      blocked_writers: this.writers.size,
    };
  }
}

export interface WriteOptions {
  nonblocking?: boolean;
  timeoutMs?: number;
}

export interface ReadOptions {
  maxBytes?: number;
  timeoutMs?: number;
  /** Do not cut a UTF-8 character in two when more bytes follow. */
  utf8?: boolean;
}

/**
 * The kernel's pipes. Capacity is reserved when a pipe is made, so the global limit
 * holds however full the pipes get. Only the reader, the writer and the creator may
 * touch a pipe.
 */
export class Pipes {
  private readonly pipes = new Map<number, Pipe>();
  private nextId = 1;
  private reserved = 0;

  constructor(
    readonly globalLimit = PIPE_GLOBAL_LIMIT,
    private readonly objects = new ObjectCounts(),
  ) {}

  create(owner: number, spec: PipeSpec = {}): Pipe {
    const capacity = spec.capacity ?? PIPE_DEFAULT_CAPACITY;
    if (!Number.isInteger(capacity) || capacity < 1) throw new KernelError('EINVAL', 'capacity must be a whole number of bytes, at least 1');
    if (this.reserved + capacity > this.globalLimit) {
      throw new KernelError('ENOSPC', `pipe buffers would exceed the ${mb(this.globalLimit)} global limit (${mb(this.reserved)} in use); destroy unused pipes or ask for less capacity`);
    }
    this.objects.take(owner, 'pipe');
    const pipe = new Pipe(this.nextId++, owner, spec.readerPid ?? owner, spec.writerPid ?? owner, capacity);
    this.reserved += capacity;
    this.pipes.set(pipe.id, pipe);
    return pipe;
  }

  get(id: number): Pipe | undefined {
    return this.pipes.get(id);
  }

  /** The pipe, if `pid` may use the given end of it. */
  private open(pid: number, id: number, end: 'read' | 'write' | 'any'): Pipe {
    const p = lookup(this.pipes, 'pipe', id);
    const ok = pid === p.owner || (end !== 'write' && pid === p.readerPid) || (end !== 'read' && pid === p.writerPid);
    if (!ok) throw refuse('pipe', id, pid, end === 'any' ? 'it belongs to other processes' : `only process ${end === 'read' ? p.readerPid : p.writerPid} (or the creator) may ${end} it`);
    return p;
  }

  /**
   * Write all of `data`, waiting for space as the reader drains. Non-blocking writes
   * take what fits now (EAGAIN when nothing does). A timeout after a partial write
   * returns what was written; with nothing written it is ETIMEDOUT.
   */
  async write(pid: number, id: number, data: Buffer, opts: WriteOptions = {}): Promise<{ written: number }> {
    const p = this.open(pid, id, 'write');
    const deadline = new Deadline(opts.nonblocking ? 0 : (opts.timeoutMs ?? 30_000));
    let written = 0;
    while (written < data.length || data.length === 0) {
      if (p.destroyed) throw new KernelError('EBADF', `pipe ${id} was destroyed`);
      if (p.writeClosed) throw new KernelError('EBADF', `the write end of pipe ${id} is closed`);
      if (p.readClosed) {
        if (written) break;
        throw new KernelError('EPIPE', `pipe ${id} has no reader (its read end is closed)`);
      }
      if (data.length === 0) break;
      const n = Math.min(p.space, data.length - written);
      if (n > 0) {
        p.buffer.push(written === 0 && n === data.length ? data : data.subarray(written, written + n));
        written += n;
        p.bytesWritten += n;
        p.readers.wake();
        continue;
      }
      let left: number;
      try {
        left = deadline.left(`pipe ${id} is full`);
      } catch (e) {
        if (written) break;
        throw e;
      }
      await p.writers.wait(left);
    }
    return { written };
  }

  /**
   * Up to maxBytes of what is buffered, waiting for data when there is none.
   * After the write end is closed and the buffer drained: empty data and eof.
   */
  async read(pid: number, id: number, opts: ReadOptions = {}): Promise<{ data: Buffer; eof: boolean }> {
    const p = this.open(pid, id, 'read');
    const max = opts.maxBytes ?? p.capacity;
    const deadline = new Deadline(opts.timeoutMs ?? 30_000);
    for (;;) {
      if (p.destroyed) throw new KernelError('EBADF', `pipe ${id} was destroyed`);
      if (p.readClosed) throw new KernelError('EBADF', `the read end of pipe ${id} is closed`);
      if (p.buffer.length > 0) {
        const n = opts.utf8 ? utf8Cut(p.buffer, Math.min(max, p.buffer.length)) : max;
        const data = p.buffer.take(n);
        p.bytesRead += data.length;
        p.writers.wake();
        return { data, eof: false };
      }
      if (p.writeClosed) return { data: Buffer.alloc(0), eof: true };
      await p.readers.wait(deadline.left(`pipe ${id} is empty`));
    }
  }

  /** Close one end: closing the write end lets the reader see EOF; the read end, EPIPE for writers. */
  close(pid: number, id: number, end: 'read' | 'write') {
    const p = this.open(pid, id, end);
    this.closeEnd(p, end);
    return { id, end, closed: true };
  }

  destroy(pid: number, id: number) {
    const p = this.open(pid, id, 'any');
    requireOwner(p, 'pipe', pid);
    this.remove(p);
    return { id, destroyed: true };
  }

  stats(pid: number, id: number) {
    return this.open(pid, id, 'any').stats();
  }

  /** The pipes a process can use, and the global totals. */
  summary(pid: number) {
    const mine = [...this.pipes.values()].filter((p) => p.owner === pid || p.readerPid === pid || p.writerPid === pid);
    let buffered = 0;
    for (const p of this.pipes.values()) buffered += p.buffer.length;
    return { pipes: this.pipes.size, buffered, reserved: this.reserved, limit: this.globalLimit, objects: this.objects.stats(pid), mine: mine.map((p) => p.stats()) };
  }

  /** Buffered bytes of the pipes a process created, for the memory accountant. */
  bytesOwnedBy(pid: number): number {
    let n = 0;
    for (const p of this.pipes.values()) if (p.owner === pid) n += p.buffer.length;
    return n;
  }

  /** A process exited: its pipes go, and the ends it held close (so the other side sees EOF or EPIPE). */
  release(pid: number) {
    for (const p of [...this.pipes.values()]) {
      if (p.owner === pid) this.remove(p);
      else {
        if (p.readerPid === pid) this.closeEnd(p, 'read');
        if (p.writerPid === pid) this.closeEnd(p, 'write');
        if (p.readClosed && p.writeClosed) this.remove(p);
      }
    }
  }

  shutdown() {
    for (const p of [...this.pipes.values()]) this.remove(p);
  }

  private closeEnd(p: Pipe, end: 'read' | 'write') {
    if (end === 'read') {
      p.readClosed = true;
      p.buffer.clear();
    } else p.writeClosed = true;
    p.readers.wake();
    p.writers.wake();
  }

  private remove(p: Pipe) {
    if (!this.pipes.delete(p.id)) return;
    p.destroyed = true;
    p.buffer.clear();
    this.reserved -= p.capacity;
    this.objects.give(p.owner, 'pipe');
    p.readers.wake();
    p.writers.wake();
  }
}
