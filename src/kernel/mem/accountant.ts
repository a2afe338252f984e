import os from 'node:os';
import { KernelError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import type { Process } from '../proc/table.js';
import { hostUsage } from './host-usage.js';

/**
 * What memory is charged for. The IPC and state owners charge and release what they hold;
 * `rss` and `output` are measured (set, not added) for OS children.
 */
export const MEMORY_KINDS = ['state', 'pipe', 'shm', 'queue', 'fd', 'socket', 'output', 'rss', 'other'] as const;
export type MemoryKind = (typeof MEMORY_KINDS)[number];

export type Pressure = 'normal' | 'warning' | 'critical';
/** Fractions of the global limit where pressure rises. */
const PRESSURE_AT: [Pressure, number][] = [
  ['critical', 0.9],
  ['warning', 0.75],
];
interface Owner {
  bytesOwnedBy(pid: number): number;
}
type Owners = { ipc?: { pipes?: Owner; shm?: Owner; queues?: Owner }; fds?: Owner; net?: Owner };
/**
 * Subsystems that keep their own per-owner byte counts: read (pulled) when memory is
 * sampled, so their owners need not call charge/release on every write.
 */
const PULLED: [MemoryKind, (k: Owners) => Owner | undefined][] = [
  ['pipe', (k) => k.ipc?.pipes],
  ['shm', (k) => k.ipc?.shm],
  ['queue', (k) => k.ipc?.queues],
  ['fd', (k) => k.fds],
  ['socket', (k) => k.net],
];

/** Kinds the OOM killer never picks: without them nothing else runs. */
const PROTECTED = new Set(['kernel', 'user']);
const SAMPLE_MS = 1000;

interface Account {
  /** What owners charged (charge/release). */
  charged: Map<MemoryKind, number>;
  /** What was measured (RSS, buffered output, bytes IPC/fd/socket owners report): set, not added. */
  measured: Map<MemoryKind, number>;
  total: number;
  peak: number;
  limit?: number;
}

export interface OomRecord {
  at: string;
  pid: number;
  name: string;
  bytes: number;
  reason: string;
}

function addKinds(into: Record<string, number>, a: Account) {
  for (const book of [a.charged, a.measured]) for (const [k, n] of book) if (n > 0) into[k] = (into[k] ?? 0) + n;
}

export const formatBytes = (n: number) => {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i ? v.toFixed(1) : v} ${units[i]}`;
};

/**
 * Per-process memory accounting. Owners charge what they allocate for a process (a charge
 * over the process's limit fails with ENOMEM) and release it; OS children's RSS is sampled
 * from /proc while any run. Usage against the global limit gives a pressure level; at the
 * limit the largest offender is killed and the kernel log says why.
 */
export class MemoryManager {
  private readonly accounts = new Map<number, Account>();
  globalLimit = Math.floor(os.totalmem() / 2);
  private used = 0;
  private level: Pressure = 'normal';
  readonly ooms: OomRecord[] = [];
  private sampler?: NodeJS.Timeout;
  private oomPending = false;

  constructor(private readonly kernel: Kernel) {
    kernel.procs.on('exit', (p) => this.drop(p.pid));
    kernel.procs.on('spawn', (p) => {
      if (!PROTECTED.has(p.kind)) this.startSampling();
    });
  }

  private account(pid: number): Account {
    let a = this.accounts.get(pid);
    if (!a) {
      a = { charged: new Map(), measured: new Map(), total: 0, peak: 0 };
      this.accounts.set(pid, a);
    }
    return a;
  }

  private add(pid: number, a: Account, book: Map<MemoryKind, number>, kind: MemoryKind, delta: number) {
    book.set(kind, Math.max(0, (book.get(kind) ?? 0) + delta));
    a.total = Math.max(0, a.total + delta);
    a.peak = Math.max(a.peak, a.total);
    this.used = Math.max(0, this.used + delta);
    const p = this.kernel.procs.get(pid);
    if (p) p.memoryBytes = a.total;
    this.checkPressure();
  }

  /** Charge bytes a process now holds. ENOMEM over its own limit or the global one. */
  charge(pid: number, bytes: number, kind: MemoryKind = 'other'): void {
    if (bytes <= 0) return;
    const p = this.kernel.procs.require(pid);
    const a = this.account(pid);
    if (a.limit !== undefined && a.total + bytes > a.limit) {
      throw new KernelError('ENOMEM', `process ${pid} (${p.name}) would use ${formatBytes(a.total + bytes)}, over its memory limit of ${formatBytes(a.limit)}`);
    }
    if (this.used + bytes > this.globalLimit) {
      this.scheduleOom();
      throw new KernelError('ENOMEM', `kernel memory would reach ${formatBytes(this.used + bytes)}, over the global limit of ${formatBytes(this.globalLimit)}`);
    }
    this.add(pid, a, a.charged, kind, bytes);
  }

  /** Give back bytes charged before (never below zero). */
  release(pid: number, bytes: number, kind: MemoryKind = 'other'): void {
    const a = this.accounts.get(pid);
    if (!a || bytes <= 0) return;
    this.add(pid, a, a.charged, kind, -Math.min(bytes, a.charged.get(kind) ?? 0));
  }

  /** Set a measured amount (RSS, buffered output): no limit check here, the sampler enforces. */
  observe(pid: number, kind: MemoryKind, bytes: number): void {
    if (!this.kernel.procs.get(pid)) return;
    const a = this.account(pid);
    this.add(pid, a, a.measured, kind, bytes - (a.measured.get(kind) ?? 0));
  }

  /** bytes: a limit for one process; null removes it. */
  setLimit(pid: number, bytes: number | null): void {
    const a = this.account(pid);
    if (bytes === null) delete a.limit;
    else a.limit = bytes;
  }

  limitOf(pid: number): number | undefined {
    return this.accounts.get(pid)?.limit;
  }

  usage(pid: number) {
    const a = this.accounts.get(pid);
    const kinds: Record<string, number> = {};
    if (a) addKinds(kinds, a);
    return { bytes: a?.total ?? 0, peak_bytes: a?.peak ?? 0, limit_bytes: a?.limit ?? null, by_kind: kinds };
  }

  pressure(): Pressure {
    const ratio = this.used / this.globalLimit;
    return PRESSURE_AT.find(([, at]) => ratio >= at)?.[0] ?? 'normal';
  }

  stats() {
    const byKind: Record<string, number> = {};
    for (const a of this.accounts.values()) addKinds(byKind, a);
    const heap = process.memoryUsage();
    return {
      used_bytes: this.used,
      global_limit_bytes: this.globalLimit,
      free_bytes: Math.max(0, this.globalLimit - this.used),
      pressure: this.pressure(),
      by_kind: byKind,
      processes: [...this.accounts.values()].filter((a) => a.total > 0).length,
      oom_kills: this.ooms.length,
      last_oom: this.ooms.at(-1) ?? null,
      kernel: { rss_bytes: heap.rss, heap_used_bytes: heap.heapUsed, heap_total_bytes: heap.heapTotal, external_bytes: heap.external },
      host: { total_bytes: os.totalmem(), free_bytes: os.freemem() },
    };
  }

  private drop(pid: number) {
    const a = this.accounts.get(pid);
    if (!a) return;
    this.used = Math.max(0, this.used - a.total);
    this.accounts.delete(pid);
    this.checkPressure();
  }

  private checkPressure() {
    const now = this.pressure();
    if (now === this.level) return;
    const was = this.level;
    this.level = now;
    if (now !== 'normal') this.kernel.log(0, now === 'critical' ? 'error' : 'warn', `memory pressure ${now}: ${formatBytes(this.used)} of ${formatBytes(this.globalLimit)} in use`);
    else if (was !== 'normal') this.kernel.log(0, 'info', 'memory pressure back to normal');
    if (now === 'critical' && this.used >= this.globalLimit) this.scheduleOom();
  }

  /** Outside the charge that noticed: killing runs exit handlers of the very owners charging. */
  private scheduleOom() {
    if (this.oomPending) return;
    this.oomPending = true;
    setImmediate(() => {
      this.oomPending = false;
      if (this.used >= this.globalLimit * PRESSURE_AT[0]![1]) this.oomKill('the kernel reached its global memory limit');
    });
  }

  /** Kill the process holding the most memory, and say why. Returns what was done. */
  oomKill(why: string): OomRecord | undefined {
    const victims = this.kernel.procs.list().filter((p) => !PROTECTED.has(p.kind) && p.state !== 'zombie');
    const victim = victims.sort((a, b) => b.memoryBytes - a.memoryBytes)[0];
    if (!victim || victim.memoryBytes <= 0) return undefined;
    return this.kill(victim, `${why}; it held ${formatBytes(victim.memoryBytes)}, the most of ${victims.length} processes (${formatBytes(this.used)} of ${formatBytes(this.globalLimit)} in use)`);
  }

  private kill(victim: Process, reason: string): OomRecord {
    const rec: OomRecord = { at: new Date().toISOString(), pid: victim.pid, name: victim.name, bytes: victim.memoryBytes, reason };
    this.ooms.push(rec);
    if (this.ooms.length > 100) this.ooms.shift();
    this.kernel.log(victim.pid, 'error', `out of memory: killed process ${victim.pid} (${victim.name}): ${reason}`);
    if (victim.kind === 'os') void this.kernel.exec.kill(victim.pid, 'KILL').catch(() => {});
    else if (victim.kind === 'pty') this.kernel.ptys.signal(victim.pid, 'KILL');
    this.kernel.procs.exit(victim.pid, 137);
    return rec;
  }

  /** While processes besides the kernel's run: what they hold, into their accounts; limits enforced. */
  private startSampling() {
    if (this.sampler) return;
    this.sampler = setInterval(() => this.sample(), SAMPLE_MS).unref();
  }

  /** Measure now: RSS of OS children (from /proc) and bytes held in IPC, fds and sockets. */
  sample() {
    const procs = this.kernel.procs.list().filter((p) => !PROTECTED.has(p.kind) && p.state !== 'zombie');
    if (!procs.length && this.sampler) {
      clearInterval(this.sampler);
      this.sampler = undefined;
    }
    const owners = PULLED.map(([kind, get]) => [kind, get(this.kernel as unknown as Owners)] as const).filter(([, o]) => o);
    for (const p of this.kernel.procs.list()) {
      for (const [kind, owner] of owners) {
        const n = owner!.bytesOwnedBy(p.pid);
        if (n || this.accounts.get(p.pid)?.measured.get(kind)) this.observe(p.pid, kind, n);
      }
    }
    for (const p of procs) {
      const rss = p.osPid && (p.kind === 'os' || p.kind === 'pty') ? hostUsage(p.osPid)?.rss_bytes : undefined;
      if (rss !== undefined) this.observe(p.pid, 'rss', rss);
      const a = this.accounts.get(p.pid);
      if (a?.limit !== undefined && a.total > a.limit && this.kernel.procs.get(p.pid) === p) {
        this.kill(p, `it held ${formatBytes(a.total)}${rss !== undefined ? ` (${formatBytes(rss)} resident)` : ''}, over its memory limit of ${formatBytes(a.limit)}`);
      }
    }
  }

  shutdown() {
    clearInterval(this.sampler);
    this.sampler = undefined;
  }
}
