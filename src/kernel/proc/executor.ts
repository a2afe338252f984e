import os from 'node:os';
import path from 'node:path';
import type { Options, ResultPromise } from 'execa';
import { KernelError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import { hostUsage } from '../mem/host-usage.js';
import { limitsInForce } from '../syscalls/sys.js';
import { CgroupJails, defaultLimits, limitSupport, planLimits, type ChildLimits, type Jail, type LimitHit, type LimitPlan } from './limits.js';
import { exitCodeFor, SIGNALS, type SignalName } from './signals.js';
import type { Process } from './table.js';

export interface SpawnOptions {
  parent: Process;
  /** The canonical program, already checked against the caller's grants. */
  executable: string;
  /** argv[0] as the caller named the program (multi-call binaries look at it). */
  argv0: string;
  args: string[];
  cwd: { vfs: string; host: string };
  /** The whole environment (see child-env.ts); nothing else is inherited. */
  env: Record<string, string>;
  /** 0: no timeout. */
  timeoutMs: number;
  /** Bytes of stdout plus stderr kept; past it the output is cut and the child stopped. */
  maxOutput: number;
  killSignal: SignalName;
  input?: string;
  limits: ChildLimits;
  priority: number;
}

/** What became of a child: exit status, output, and which limit (if any) stopped it. */
export interface ExitReport {
  pid: number;
  os_pid: number;
  command: string;
  exit_code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timed_out: boolean;
  truncated: boolean;
  limit: LimitHit | null;
  duration_ms: number;
  limits: ChildLimits;
}

interface OsChild {
  entry: Process;
  osPid: number;
  sub: ResultPromise;
  plan: LimitPlan;
  stdout: Buffer[];
  stderr: Buffer[];
  bytes: number;
  truncated: boolean;
  timedOut: boolean;
  limit?: LimitHit;
  startedAt: number;
  report?: ExitReport;
  done: Promise<ExitReport>;
  timers: NodeJS.Timeout[];
}

/** Niceness for a kernel priority: 5 is normal (0), 10 is -10, 0 is +10. */
export const niceFor = (priority: number) => Math.round((5 - priority) * 2);

/** A leftover grandchild may hold the output pipes after the child exits: this long, then it goes. */
const LEFTOVER_MS = 250;

/** Every kernel's live children, so a host exit (even an uncaught error) takes them along. */
const live = new Set<OsChild>();
let exitHook = false;

function killAllOnExit() {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const c of live) killGroup(c.osPid, 'KILL');
  });
}

/**
 * A signal to a child's process group (it leads one: spawned detached). Only while the
 * child runs may it fall back to the pid alone; after its exit that pid may be reused.
 */
function killGroup(osPid: number, signal: SignalName, groupOnly = false): boolean {
  for (const target of groupOnly ? [-osPid] : [-osPid, osPid]) {
    try {
      process.kill(target, `SIG${signal}` as NodeJS.Signals);
      return true;
    } catch {}
  }
  return false;
}

/** Kill what is left in a child's own cgroup (a fork loop may still be forking), then remove it. */
function sweep(jail: Jail, rounds: number) {
  const left = jail.members();
  for (const pid of left) killGroup(pid, 'KILL');
  setTimeout(() => (left.length && rounds > 1 ? sweep(jail, rounds - 1) : jail.remove()), 20).unref();
}

const OUT_OF_MEMORY = /memory exhausted|out of memory|cannot allocate memory|allocation failed|std::bad_alloc/i;

/**
 * Real OS children, run with execa: an argument array and never a shell, a fresh process
 * group (so a signal reaches the whole tree), an environment from an allowlist, a cgroup
 * and/or prlimit for resource limits, a timeout, and an output cap. Each child is a table
 * entry of kind `os`; when it exits the entry is a zombie until `wait` collects it or the
 * reap grace passes. When its entry exits first (its parent closed), the child is killed.
 */
export class Executor {
  /** How long an uncollected exited child stays in the table. */
  reapAfterMs = 30_000;
  /** Between the kill signal and SIGKILL. */
  killGraceMs = 2_000;
  private readonly children = new Map<number, OsChild>();
  private jails?: CgroupJails;
  private nextGroup = 1;

  constructor(private readonly kernel: Kernel) {
    // sys.info reports what binds children on this host. Probing costs a few ms, so it
    // happens when someone asks (or at the first spawn), once per host process.
    for (const key of ['mechanism', 'detail'] as const) {
      Object.defineProperty(limitsInForce, key, { get: () => limitSupport()[key], enumerable: true, configurable: true });
    }
    kernel.procs.on('exit', (p) => {
      const c = this.children.get(p.pid);
      if (!c) return;
      if (c.report) this.forget(c);
      else this.terminate(c, 'TERM');
    });
  }

  private jailsFor(): CgroupJails {
    this.jails ??= new CgroupJails(limitSupport(), defaultLimits());
    return this.jails;
  }

  /** Put a host process started elsewhere (a pty's shell) under the kernel-wide caps. */
  adopt(osPid: number): void {
    this.jailsFor().shared()?.attach(osPid);
  }

  async spawn(o: SpawnOptions): Promise<Process> {
    const { execa } = await import('execa');
    const plan = planLimits(limitSupport(), this.jailsFor(), `c${this.nextGroup++}`, o.limits);
    const argv = [...plan.prefix.slice(1), ...(plan.prefix.length ? [o.executable] : []), ...o.args];
    const file = plan.prefix[0] ?? o.executable;
    const options: Options = {
      cwd: o.cwd.host,
      env: o.env,
      extendEnv: false,
      ...(plan.prefix.length ? {} : { argv0: o.argv0 }),
      detached: true,
      cleanup: false,
      buffer: false,
      reject: false,
      ...(o.input !== undefined ? { input: o.input } : { stdin: 'ignore' as const }),
      stdout: 'pipe',
      stderr: 'pipe',
      encoding: 'buffer',
      forceKillAfterDelay: false,
      windowsHide: true,
    };
    const leave = plan.jail?.hold();
    let sub: ResultPromise;
    try {
      sub = execa(file, argv, options);
    } finally {
      leave?.();
    }
    const osPid = sub.pid;
    if (osPid === undefined) {
      plan.jail?.remove();
      const r = await sub;
      throw new KernelError('EIO', `could not start ${o.argv0}: ${String(r.shortMessage ?? r.message ?? 'unknown error')}`);
    }
    // The controllers `hold` did not cover: the child joins right after it started.
    plan.jail?.attach(osPid);
    let entry: Process;
    try {
      entry = this.kernel.spawnProcess({
        name: path.basename(o.argv0),
        kind: 'os',
        ppid: o.parent.pid,
        grants: [],
        profile: 'os',
        priority: o.priority,
        cwd: o.cwd.vfs,
        command: o.executable,
        args: o.args,
        osPid,
      });
    } catch (e) {
      killGroup(osPid, 'KILL');
      throw e;
    }
    if (o.priority !== 5) applyNice(osPid, o.priority);
    const c: OsChild = {
      entry,
      osPid,
      sub,
      plan,
      stdout: [],
      stderr: [],
      bytes: 0,
      truncated: false,
      timedOut: false,
      startedAt: performance.now(),
      done: undefined as never,
      timers: [],
    };
    this.children.set(entry.pid, c);
    live.add(c);
    killAllOnExit();
    sub.stdout?.on('data', (b: Buffer) => this.collect(c, c.stdout, b, o));
    sub.stderr?.on('data', (b: Buffer) => this.collect(c, c.stderr, b, o));
    if (o.timeoutMs > 0) {
      c.timers.push(
        setTimeout(() => {
          c.timedOut = true;
          c.limit ??= 'timeout';
          this.terminate(c, o.killSignal);
        }, o.timeoutMs).unref(),
      );
    }
    sub.once('exit', () => c.timers.push(setTimeout(() => !c.report && killGroup(osPid, 'KILL', true), LEFTOVER_MS).unref()));
    c.done = sub.then((r) => this.finish(c, r.exitCode ?? null, r.signal ?? null));
    return entry;
  }

  private collect(c: OsChild, into: Buffer[], chunk: Buffer, o: SpawnOptions) {
    if (c.truncated) return;
    const room = o.maxOutput - c.bytes;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    into.push(kept);
    c.bytes += kept.length;
    this.kernel.mem.observe(c.entry.pid, 'output', c.bytes);
    if (kept.length < chunk.length) {
      c.truncated = true;
      c.limit ??= 'output';
      this.terminate(c, o.killSignal);
    }
  }

  private finish(c: OsChild, exitCode: number | null, signal: string | null): ExitReport {
    for (const t of c.timers) clearTimeout(t);
    live.delete(c);
    const stderr = Buffer.concat(c.stderr).toString('utf8');
    const jail = c.plan.jail;
    if (!c.limit && signal === 'SIGXCPU') c.limit = 'cpu';
    if (!c.limit && (jail?.hitMemoryLimit() || (c.plan.applied.memory_bytes && (exitCode ?? 0) !== 0 && OUT_OF_MEMORY.test(stderr)))) c.limit = 'memory';
    // Nothing of the child may outlive it: what is left of its group or cgroup goes too.
    killGroup(c.osPid, 'KILL', true);
    if (jail?.bound && Object.keys(jail.bound).length) {
      sweep(jail, 10);
    }
    const code = exitCode ?? (signal ? 128 + (os.constants.signals[signal as NodeJS.Signals] ?? 0) : null);
    c.report = {
      pid: c.entry.pid,
      os_pid: c.osPid,
      command: c.entry.command ?? c.entry.name,
      exit_code: exitCode,
      signal,
      stdout: Buffer.concat(c.stdout).toString('utf8'),
      stderr,
      timed_out: c.timedOut,
      truncated: c.truncated,
      limit: c.limit ?? null,
      duration_ms: Math.round(performance.now() - c.startedAt),
      limits: c.plan.applied,
    };
    const entry = c.entry;
    if (this.kernel.procs.get(entry.pid) === entry) {
      entry.state = 'zombie';
      entry.exitCode = code ?? undefined;
      this.kernel.signals.childChanged(entry);
      c.timers = [setTimeout(() => this.kernel.procs.exit(entry.pid, code ?? 0), this.reapAfterMs).unref()];
    } else this.forget(c);
    if (c.limit) this.kernel.log(entry.pid, 'warn', `process ${entry.pid} (${entry.name}) stopped by its ${c.limit} limit`);
    return c.report;
  }

  private forget(c: OsChild) {
    for (const t of c.timers) clearTimeout(t);
    this.children.delete(c.entry.pid);
  }

  /** The signal to the whole group, then SIGKILL if it is still there after the grace. */
  private terminate(c: OsChild, signal: SignalName) {
    if (c.report) return;
    killGroup(c.osPid, signal);
    if (signal !== 'KILL') c.timers.push(setTimeout(() => !c.report && killGroup(c.osPid, 'KILL'), this.killGraceMs).unref());
  }

  /** Deliver a signal to a running child's process group; false when it has exited. */
  signal(pid: number, signal: SignalName): boolean {
    const c = this.children.get(pid);
    if (!c || c.report) return false;
    return killGroup(c.osPid, signal);
  }

  /**
   * Wait for a child to exit and collect it (its entry leaves the table). With a timeout,
   * ETIMEDOUT when it is still running then; it keeps running.
   */
  async wait(pid: number, timeoutMs?: number): Promise<ExitReport> {
    const c = this.children.get(pid);
    if (!c) throw new KernelError('ECHILD', `process ${pid} is not an OS child (or was already collected)`);
    let timer: NodeJS.Timeout | undefined;
    const report = await (timeoutMs === undefined
      ? c.done
      : Promise.race([
          c.done,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new KernelError('ETIMEDOUT', `process ${pid} is still running after ${timeoutMs} ms; wait longer or proc.kill it`)), timeoutMs);
          }),
        ]).finally(() => clearTimeout(timer)));
    this.kernel.procs.exit(pid, report.exit_code ?? 0);
    this.forget(c);
    return report;
  }

  /** End a child: the signal, SIGKILL after the grace, and wait (bounded) until it is gone. */
  async kill(pid: number, signal: SignalName = 'TERM'): Promise<{ exited: boolean; exit_code: number | null; exit_signal: string | null }> {
    const c = this.children.get(pid);
    if (!c) throw new KernelError('ESRCH', `process ${pid} is not a running OS child`);
    if (!c.report) {
      if (SIGNALS[signal].action !== 'exit') {
        killGroup(c.osPid, signal);
        return { exited: false, exit_code: null, exit_signal: null };
      }
      this.terminate(c, signal);
    }
    const r = await Promise.race([c.done, new Promise<undefined>((res) => setTimeout(() => res(undefined), this.killGraceMs + 1000).unref())]);
    return r ? { exited: true, exit_code: r.exit_code ?? exitCodeFor(signal), exit_signal: r.signal } : { exited: false, exit_code: null, exit_signal: null };
  }

  setPriority(pid: number, priority: number): number | null {
    const c = this.children.get(pid);
    if (!c || c.report) return null;
    return applyNice(c.osPid, priority);
  }

  /** A new memory cap on a running child's own cgroup; false when it has none. */
  setMemoryLimit(pid: number, bytes: number): boolean {
    const jail = this.children.get(pid)?.plan.jail;
    return !!jail && Object.keys(jail.bound).length > 0 && jail.setMemoryLimit(bytes);
  }

  usage(pid: number) {
    const c = this.children.get(pid);
    if (!c || c.report) return undefined;
    const u = hostUsage(c.osPid);
    const group = c.plan.jail?.bound && Object.keys(c.plan.jail.bound).length ? c.plan.jail.memoryUsage() : undefined;
    return u && { ...u, group_memory_bytes: group ?? null, elapsed_ms: Math.round(performance.now() - c.startedAt) };
  }

  /** Kill every child and wait (bounded) for them; remove the kernel's cgroups. */
  async shutdown(): Promise<void> {
    const running = [...this.children.values()].filter((c) => !c.report);
    for (const c of running) this.terminate(c, 'KILL');
    await Promise.race([Promise.allSettled(running.map((c) => c.done)), new Promise((r) => setTimeout(() => r(undefined), 3000).unref())]);
    for (const c of this.children.values()) this.forget(c);
    this.jails?.removeAll();
  }
}

/**
 * Set a host process's niceness for a kernel priority. Raising above normal needs root
 * (CAP_SYS_NICE); without it the child stays at normal. Returns the niceness set.
 */
export function applyNice(osPid: number, priority: number): number | null {
  const nice = niceFor(priority);
  for (const n of nice < 0 ? [nice, 0] : [nice]) {
    try {
      os.setPriority(osPid, n);
      return n;
    } catch {}
  }
  return null;
}
