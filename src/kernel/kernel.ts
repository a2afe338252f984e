import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import type { z } from 'zod';
import { KernelError, fromNodeError } from './errors.js';
import { FileDescriptors } from './fd/index.js';
import { IPC } from './ipc/index.js';
import { Metrics } from './metrics.js';
import { MemoryManager } from './mem/accountant.js';
import { Network } from './net/index.js';
import { Executor } from './proc/executor.js';
import { PtyManager } from './proc/pty.js';
import { Signals } from './proc/signals.js';
import { ProcessTable, type Process, type ProcessSpec } from './proc/table.js';
import type { Capability } from './sandbox/capabilities.js';
import { decide, denied } from './sandbox/policy.js';
import { grantsFor, type ProfileName } from './sandbox/profiles.js';
import { Scheduler } from './sched/scheduler.js';
import type { CapSpec, SyscallContext, SyscallDef } from './syscall.js';
import { SYSCALLS } from './syscalls/index.js';
import { LocalFS } from './vfs/localfs.js';
import { MemFS } from './vfs/memfs.js';
import { normalizePath } from './vfs/path.js';
import { ProcFS } from './vfs/procfs.js';
import { procTree } from './vfs/proc-tree.js';
import { VFS, type Resolved } from './vfs/vfs.js';
import { didYouMean } from '../util/suggest.js';
import { stripControls } from '../util/sanitize.js';

export interface KernelOptions {
  /** Host folder mounted at /home (the data dir). */
  home: string;
  /** Host folder of the shipped apps, mounted read-only at /apps. */
  appsDir?: string;
  /** Grants of the CLI user's process. */
  userProfile?: ProfileName;
  /** Size limit of the in-memory filesystems, in bytes. */
  memfsLimit?: number;
}

export interface KernelEvents {
  process_created: [Process];
  process_terminated: [Process];
  syscall_executed: [{ pid: number; syscall: string; ok: boolean; code?: string; micros: number }];
  permission_denied: [{ pid: number; syscall: string; message: string; target?: string }];
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface LogEntry {
  at: number;
  pid: number;
  level: LogLevel;
  message: string;
}

export { KERNEL_VERSION } from './version.js';

/**
 * The microkernel. Every effect passes `syscall()`: validate arguments, check the
 * caller's capabilities against canonical targets, run, record metrics.
 */
export class Kernel {
  readonly vfs = new VFS();
  readonly procs = new ProcessTable();
  /** Pipes, shared memory, queues; `ipc.bytesOwnedBy(pid)` for memory accounting. */
  readonly ipc = new IPC(this.procs);
  /** Per-process fd tables over VFS files. */
  readonly fds = new FileDescriptors(this.procs);
  /** Sockets (`net.sockets`); `net.bytesOwnedBy(pid)` counts unread received bytes. */
  readonly net = new Network(this.procs, this.ipc.objects);
  /** Per-process memory accounting: `mem.charge(pid, bytes, kind)` / `release`; pressure and OOM. */
  readonly mem = new MemoryManager(this);
  readonly signals = new Signals(this);
  /** Orders queued work: `sched.submit(pid, task)`. */
  readonly sched = new Scheduler(this);
  /** Real OS children (execa) and terminals (node-pty). */
  readonly exec = new Executor(this);
  readonly ptys = new PtyManager(this);
  readonly metrics = new Metrics();
  readonly events = new EventEmitter<KernelEvents>();
  readonly bootTime = Date.now();
  readonly table: ReadonlyMap<string, SyscallDef>;
  readonly initPid: number;
  readonly userPid: number;
  /** Set by attach (the control socket) and the web server, for `agentos status`. */
  readonly info: Record<string, unknown> = {};
  readonly logs: LogEntry[] = [];
  /** Only build the event when someone listens (attach, top): it sits on the hot path. */
  private get emitExecuted() {
    return this.events.listenerCount('syscall_executed') > 0;
  }

  constructor(readonly options: KernelOptions) {
    this.table = new Map(SYSCALLS.map((s) => [s.name, s as SyscallDef]));
    const limit = options.memfsLimit ?? 256 * 1024 * 1024;
    const root = new MemFS('/', limit);
    this.vfs.mount('/', root);
    for (const dir of ['home', 'tmp', 'apps', 'proc']) void root.mkdir(dir, false);
    this.vfs.mount('/tmp', new MemFS('/tmp', limit));
    if (!existsSync(options.home)) mkdirSync(options.home, { recursive: true, mode: 0o700 });
    this.vfs.mount('/home', new LocalFS(options.home, '/home'));
    if (options.appsDir && existsSync(options.appsDir)) this.vfs.mount('/apps', new LocalFS(options.appsDir, '/apps', true));
    this.vfs.mount('/proc', new ProcFS(() => procTree(this)));

    this.procs.on('spawn', (p) => this.events.emit('process_created', p));
    this.procs.on('exit', (p) => this.events.emit('process_terminated', p));

    this.initPid = this.procs.create({ name: 'init', kind: 'kernel', grants: grantsFor('PRIVILEGED'), profile: 'PRIVILEGED' }).pid;
    const profile = options.userProfile ?? 'PRIVILEGED';
    this.userPid = this.spawnProcess({ name: 'user', kind: 'user', grants: grantsFor(profile), profile, ppid: this.initPid, cwd: '/home' }).pid;
  }

  /** A new process in the table. Subsystems listen to `procs` events for cleanup. */
  spawnProcess(spec: ProcessSpec): Process {
    return this.procs.create(spec);
  }

  syscallNames(): string[] {
    return [...this.table.keys()];
  }

  /** The one door. */
  async syscall<R = unknown>(pid: number, name: string, args: unknown = {}): Promise<R> {
    const def = this.table.get(name);
    if (!def) {
      throw new KernelError('ENOSYS', `unknown syscall "${name}"${didYouMean(name, this.table.keys())}; see \`agentos syscall --list\``, name);
    }
    const stats = this.metrics.stats(name);
    const start = performance.now();
    try {
      const proc = this.procs.get(pid);
      if (!proc) throw new KernelError('ESRCH', `process ${pid} does not exist`);
      const parsed = parseArgs(def, args);
      const ctx = await this.authorize(def, proc, parsed);
      const result = (await def.run(ctx, parsed)) as R;
      const seconds = (performance.now() - start) / 1000;
      stats.observe(seconds);
      if (this.emitExecuted) this.events.emit('syscall_executed', { pid, syscall: name, ok: true, micros: seconds * 1e6 });
      return result;
    } catch (e) {
      const err = e instanceof KernelError ? e : fromNodeError(e, name);
      err.syscall ??= name;
      const seconds = (performance.now() - start) / 1000;
      stats.observe(seconds);
      this.metrics.fail(stats, err.code);
      if (err.code === 'EACCES' || err.code === 'EPERM') {
        this.metrics.denied(pid, name, err.message, err.target);
        this.events.emit('permission_denied', { pid, syscall: name, message: err.message, target: err.target });
      }
      if (this.emitExecuted) this.events.emit('syscall_executed', { pid, syscall: name, ok: false, code: err.code, micros: seconds * 1e6 });
      throw err;
    }
  }

  /** Resolve every path argument, compute every scope, and check each capability once. */
  private async authorize(def: SyscallDef, proc: Process, args: any): Promise<SyscallContext> {
    const specs: CapSpec[] = typeof def.caps === 'function' ? def.caps(args) : def.caps;
    const paths: Record<string, Resolved> = {};
    const targets: SyscallContext['targets'] = {};
    const checked: SyscallContext['checked'] = {};
    for (const spec of specs) {
      if (spec.check) {
        checked[spec.cap] = await spec.check(this, proc, args);
        continue;
      }
      let target: string | undefined;
      if (spec.path) {
        const raw = args[spec.path];
        if (raw === undefined) continue;
        const resolved = paths[spec.path] ?? (await this.resolve(proc, raw, spec.follow ?? true));
        paths[spec.path] = resolved;
        target = resolved.path;
      } else if (spec.target) {
        target = spec.target(args);
        if (target !== undefined) targets[spec.cap] = target;
      }
      this.check(proc, spec.cap, target);
    }
    const metrics = this.metrics;
    return {
      kernel: this,
      proc,
      paths,
      targets,
      checked,
      read(n) {
        metrics.bytesRead += n;
      },
      wrote(n) {
        metrics.bytesWritten += n;
      },
    };
  }

  /** A caller's path made canonical: relative to its cwd, `/proc/self` its own, symlinks followed. */
  resolve(proc: Process, raw: string, follow = true): Promise<Resolved> {
    return this.vfs.resolve(normalizePath(raw, proc.cwd, proc.pid), follow);
  }

  /** Resolve and check in one step, for syscalls whose paths are not plain arguments. */
  async resolveChecked(proc: Process, raw: string, cap: Capability, follow = true): Promise<Resolved> {
    const r = await this.resolve(proc, raw, follow);
    this.check(proc, cap, r.path);
    return r;
  }

  log(pid: number, level: LogLevel, message: string) {
    this.logs.push({ at: Date.now(), pid, level, message: stripControls(message).slice(0, 4000) });
    if (this.logs.length > 1000) this.logs.shift();
  }

  /** The capability check, for syscalls and for subsystems that act for a process later. */
  check(proc: Process, cap: Capability, target?: string): void {
    const result = decide(proc.grants, cap, target);
    if (!result.allowed) throw denied(cap, result, target);
  }

  /** Stop every process and release what the kernel holds. */
  async shutdown(): Promise<void> {
    for (const p of this.procs.childrenOf(0)) this.procs.exit(p.pid, 0);
    this.ipc.shutdown();
    this.fds.shutdown();
    this.net.shutdown();
    await this.exec.shutdown();
    this.ptys.shutdown();
    this.sched.shutdown();
    this.mem.shutdown();
  }
}

/** zod validation with errors as data: the field path and a message a user can act on. */
function parseArgs(def: SyscallDef, args: unknown): any {
  const input = args ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new KernelError('EINVAL', 'arguments must be an object of named values');
  const known = def.args.shape as Record<string, z.ZodType>;
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(known, key)) {
      const names = Object.keys(known);
      throw new KernelError('EINVAL', `unknown argument "${key}"${didYouMean(key, names)}; ${def.name} takes ${names.length ? names.join(', ') : 'no arguments'}`, def.name, [key]);
    }
  }
  const r = def.args.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const field = path.length ? path.join('.') : 'arguments';
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  const message = missing ? `missing argument "${field}"` : `${field}: ${issue.message.replace(/^Invalid input: /, '')}`;
  throw new KernelError('EINVAL', message, def.name, path as (string | number)[]);
}
