import { KernelError } from '../errors.js';
import { lookup, mb, refuse, requireOwner } from './access.js';
import { ObjectCounts } from './objects.js';

export const SHM_SEGMENT_LIMIT = 100 * 1024 * 1024;
export const SHM_GLOBAL_LIMIT = 500 * 1024 * 1024;

/** What the pids an owner names may do with its segment. */
export type ShmAccess = 'read' | 'read-write';

export interface ShmSpec {
  size: number;
  /** Pids (besides the owner) that may attach. */
  allow?: number[];
  access?: ShmAccess;
}

export class Segment {
  /** pid -> attached read-only? The owner is attached read-write from the start. */
  readonly attachments = new Map<number, boolean>();
  readonly allow: Set<number>;
  readonly access: ShmAccess;
  readonly data: Uint8Array;
  bytesRead = 0;
  bytesWritten = 0;
  readonly createdAt = Date.now();

  constructor(readonly id: number, readonly owner: number, spec: ShmSpec) {
    this.data = Buffer.alloc(spec.size);
    this.allow = new Set(spec.allow ?? []);
    this.access = spec.access ?? 'read-write';
    this.attachments.set(owner, false);
  }

  get size() {
    return this.data.length;
  }

  stats() {
    return {
      id: this.id,
      owner: this.owner,
      size: this.size,
      allow: [...this.allow],
      access: this.access,
      attachments: [...this.attachments].map(([pid, readOnly]) => ({ pid, read_only: readOnly })),
      bytes_read: this.bytesRead,
      bytes_written: this.bytesWritten,
    };
  }
}

/**
 * Shared memory segments. A segment's bytes live in one buffer; reads and writes copy
 * in or out through syscalls, and in-process consumers get a view of the same memory.
 */
export class SharedMemory {
  private readonly segments = new Map<number, Segment>();
  private nextId = 1;
  private used = 0;

  constructor(
    readonly segmentLimit = SHM_SEGMENT_LIMIT,
    readonly globalLimit = SHM_GLOBAL_LIMIT,
    private readonly objects = new ObjectCounts(),
  ) {}

  create(owner: number, spec: ShmSpec): Segment {
    if (!Number.isInteger(spec.size) || spec.size < 1) throw new KernelError('EINVAL', 'size must be a whole number of bytes, at least 1');
    if (spec.size > this.segmentLimit) throw new KernelError('E2BIG', `a segment may hold at most ${mb(this.segmentLimit)}; ${mb(spec.size)} asked`);
    if (this.used + spec.size > this.globalLimit) {
      throw new KernelError('ENOSPC', `shared memory would exceed the ${mb(this.globalLimit)} global limit (${mb(this.used)} in use); destroy unused segments first`);
    }
    this.objects.take(owner, 'segment');
    const seg = new Segment(this.nextId++, owner, spec);
    this.used += seg.size;
    this.segments.set(seg.id, seg);
    return seg;
  }

  /** Attach (or re-attach with other rights). Read-write needs the owner's leave. */
  attach(pid: number, id: number, readOnly: boolean) {
    const seg = lookup(this.segments, 'segment', id);
    if (pid !== seg.owner) {
      if (!seg.allow.has(pid)) throw refuse('segment', id, pid, `its owner (process ${seg.owner}) has not allowed it`);
      if (!readOnly && seg.access === 'read') throw refuse('segment', id, pid, 'its owner allows only read-only attachments (pass read_only=true)');
    }
    seg.attachments.set(pid, readOnly);
    return { id, size: seg.size, read_only: readOnly };
  }

  detach(pid: number, id: number) {
    const seg = lookup(this.segments, 'segment', id);
    if (!seg.attachments.delete(pid)) throw new KernelError('EINVAL', `process ${pid} is not attached to segment ${id}`);
    return { id, detached: true };
  }

  write(pid: number, id: number, offset: number, data: Uint8Array) {
    const seg = this.attached(pid, id, true);
    this.bounds(seg, offset, data.length);
    seg.data.set(data, offset);
    seg.bytesWritten += data.length;
    return { id, offset, written: data.length };
  }

  /** A copy of a range (what leaves the kernel must not alias the segment). */
  read(pid: number, id: number, offset: number, size?: number): Buffer {
    const seg = this.attached(pid, id, false);
    const n = size ?? seg.size - offset;
    this.bounds(seg, offset, n);
    seg.bytesRead += n;
    return Buffer.from(seg.data.subarray(offset, offset + n));
  }

  /**
   * Zero-copy: the segment's own memory, for consumers inside this process. Writes
   * through the view are seen by every attachment; ask with `writable` to have a
   * read-only attachment refused.
   */
  view(pid: number, id: number, opts: { offset?: number; length?: number; writable?: boolean } = {}): Uint8Array {
    const seg = this.attached(pid, id, opts.writable ?? false);
    const offset = opts.offset ?? 0;
    const length = opts.length ?? seg.size - offset;
    this.bounds(seg, offset, length);
    return seg.data.subarray(offset, offset + length);
  }

  destroy(pid: number, id: number) {
    const seg = lookup(this.segments, 'segment', id);
    requireOwner(seg, 'segment', pid);
    this.remove(seg);
    return { id, destroyed: true };
  }

  stats(pid: number, id: number) {
    const seg = lookup(this.segments, 'segment', id);
    if (pid !== seg.owner && !seg.allow.has(pid) && !seg.attachments.has(pid)) throw refuse('segment', id, pid);
    return seg.stats();
  }

  summary(pid: number) {
    const mine = [...this.segments.values()].filter((s) => s.owner === pid || s.attachments.has(pid) || s.allow.has(pid));
    return { segments: this.segments.size, bytes: this.used, limit: this.globalLimit, segment_limit: this.segmentLimit, objects: this.objects.stats(pid), mine: mine.map((s) => s.stats()) };
  }

  bytesOwnedBy(pid: number): number {
    let n = 0;
    for (const s of this.segments.values()) if (s.owner === pid) n += s.size;
    return n;
  }

  /** A process exited: its segments go, and it is detached from everyone else's. */
  release(pid: number) {
    for (const s of [...this.segments.values()]) {
      if (s.owner === pid) this.remove(s);
      else {
        s.attachments.delete(pid);
        s.allow.delete(pid);
      }
    }
  }

  shutdown() {
    for (const s of [...this.segments.values()]) this.remove(s);
  }

  private attached(pid: number, id: number, write: boolean): Segment {
    const seg = lookup(this.segments, 'segment', id);
    const readOnly = seg.attachments.get(pid);
    if (readOnly === undefined) {
      const may = pid === seg.owner || seg.allow.has(pid);
      throw may ? new KernelError('EINVAL', `attach segment ${id} first (shm.attach)`) : refuse('segment', id, pid);
    }
    if (write && readOnly) throw refuse('segment', id, pid, 'it is attached read-only');
    return seg;
  }

  private bounds(seg: Segment, offset: number, length: number) {
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(length) || length < 0 || offset + length > seg.size) {
      throw new KernelError('EINVAL', `range ${offset}..${offset + length} is outside segment ${seg.id} (size ${seg.size})`);
    }
  }

  private remove(seg: Segment) {
    if (!this.segments.delete(seg.id)) return;
    seg.attachments.clear();
    this.used -= seg.size;
    this.objects.give(seg.owner, 'segment');
  }
}
