import { EventEmitter } from 'node:events';
import { KernelError } from '../errors.js';
import type { Grant } from '../sandbox/capabilities.js';

/** Both kinds of process share one table: app processes and real OS children. */
export type ProcessKind = 'kernel' | 'user' | 'app' | 'service' | 'mcp' | 'os' | 'pty';
export type ProcessState = 'running' | 'sleeping' | 'stopped' | 'zombie' | 'terminated';

export interface Process {
  pid: number;
  ppid: number;
  name: string;
  kind: ProcessKind;
  state: ProcessState;
  grants: Grant[];
  /** The profile the grants came from, for display; grants are what count. */
  profile: string;
  /** 0 (lowest) to 10 (highest); 5 is normal. Mapped to niceness for OS children. */
  priority: number;
  cwd: string;
  env: Map<string, string>;
  startedAt: number;
  /** Bytes charged to this process by the memory accountant. */
  memoryBytes: number;
  exitCode?: number;
  /** Host pid of a real OS child. */
  osPid?: number;
  command?: string;
  args?: string[];
}

export interface ProcessSpec {
  name: string;
  kind: ProcessKind;
  ppid?: number;
  grants: Grant[];
  profile?: string;
  priority?: number;
  cwd?: string;
  env?: Record<string, string>;
  command?: string;
  args?: string[];
  osPid?: number;
}

/**
 * The process table. Exiting a process exits its children first; subsystems listen to
 * `exit` to free what the process held (pipes, shm, fds, timers).
 */
export class ProcessTable extends EventEmitter<{ spawn: [Process]; exit: [Process] }> {
  private readonly procs = new Map<number, Process>();
  private nextPid = 1;

  create(spec: ProcessSpec): Process {
    const ppid = spec.ppid ?? 0;
    if (ppid && !this.procs.has(ppid)) throw new KernelError('ESRCH', `parent process ${ppid} does not exist`);
    const proc: Process = {
      pid: this.nextPid++,
      ppid,
      name: spec.name,
      kind: spec.kind,
      state: 'running',
      grants: spec.grants,
      profile: spec.profile ?? 'custom',
      priority: spec.priority ?? 5,
      cwd: spec.cwd ?? '/',
      env: new Map(Object.entries(spec.env ?? {})),
      startedAt: Date.now(),
      memoryBytes: 0,
      command: spec.command,
      args: spec.args,
      osPid: spec.osPid,
    };
    this.procs.set(proc.pid, proc);
    this.emit('spawn', proc);
    return proc;
  }

  get(pid: number): Process | undefined {
    return this.procs.get(pid);
  }

  require(pid: number): Process {
    const p = this.procs.get(pid);
    if (!p) throw new KernelError('ESRCH', `process ${pid} does not exist`);
    return p;
  }

  list(): Process[] {
    return [...this.procs.values()];
  }

  childrenOf(pid: number): Process[] {
    return this.list().filter((p) => p.ppid === pid);
  }

  /** Ends a process and, first, its children; the entry is removed (reaped). */
  exit(pid: number, exitCode = 0): void {
    const p = this.procs.get(pid);
    if (!p || p.state === 'terminated') return;
    for (const child of this.childrenOf(pid)) this.exit(child.pid, exitCode === 0 ? 0 : 143);
    p.state = 'terminated';
    p.exitCode = exitCode;
    this.procs.delete(pid);
    this.emit('exit', p);
  }
}
