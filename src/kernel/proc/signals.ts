import { EventEmitter } from 'node:events';
import { KernelError, refusal } from '../errors.js';
import type { Kernel } from '../kernel.js';
import { decide } from '../sandbox/policy.js';
import type { Process } from './table.js';

export type SignalAction = 'exit' | 'stop' | 'continue' | 'ignore';

/** The signals we deliver, with POSIX numbers (Linux) and what happens when nobody handles them. */
export const SIGNALS = {
  HUP: { number: 1, action: 'exit', catchable: true, meaning: 'hang up: the terminal or session went away' },
  INT: { number: 2, action: 'exit', catchable: true, meaning: 'interrupt (Ctrl+C)' },
  KILL: { number: 9, action: 'exit', catchable: false, meaning: 'end now; cannot be handled' },
  USR1: { number: 10, action: 'ignore', catchable: true, meaning: 'user-defined' },
  USR2: { number: 12, action: 'ignore', catchable: true, meaning: 'user-defined' },
  TERM: { number: 15, action: 'exit', catchable: true, meaning: 'please end' },
  CHLD: { number: 17, action: 'ignore', catchable: true, meaning: 'a child ended or stopped' },
  CONT: { number: 18, action: 'continue', catchable: true, meaning: 'continue after STOP' },
  STOP: { number: 19, action: 'stop', catchable: false, meaning: 'pause; cannot be handled' },
} as const satisfies Record<string, { number: number; action: SignalAction; catchable: boolean; meaning: string }>;

export type SignalName = keyof typeof SIGNALS;
export const SIGNAL_NAMES = Object.keys(SIGNALS) as SignalName[];

/** `TERM`, `SIGTERM`, `term` and `15` all name TERM. */
export function parseSignal(input: string | number): SignalName {
  const s = String(input).trim().toUpperCase().replace(/^SIG/, '');
  if (Object.hasOwn(SIGNALS, s)) return s as SignalName;
  const byNumber = SIGNAL_NAMES.find((n) => String(SIGNALS[n].number) === s);
  if (byNumber) return byNumber;
  throw new KernelError('EINVAL', `unknown signal "${input}"; use one of ${SIGNAL_NAMES.join(', ')}`);
}

export function isSignal(input: string | number): boolean {
  try {
    parseSignal(input);
    return true;
  } catch {
    return false;
  }
}

/** A host-process exit code for death by a signal, as shells report it. */
export const exitCodeFor = (s: SignalName) => 128 + SIGNALS[s].number;

export interface Delivered {
  signal: SignalName;
  from: number;
  at: number;
}

export interface SendResult {
  pid: number;
  signal: SignalName;
  /** What happened: handled by the process (queued), or the default action taken. */
  outcome: 'queued' | 'exited' | 'stopped' | 'continued' | 'ignored' | 'sent';
}

const PENDING_MAX = 256;
/** Kinds that belong to the kernel itself: no one signals them. */
const UNSIGNALLABLE = new Set(['kernel']);

/**
 * Signals for both kinds of process. OS children and ptys get real host signals (to
 * their whole process group); app processes get default actions unless they registered
 * a handler, in which case the signal is queued for them and `signal` is emitted, so the
 * runtime can run the app's handler.
 */
export class Signals extends EventEmitter<{ signal: [pid: number, d: Delivered] }> {
  private readonly handled = new Map<number, Set<SignalName>>();
  private readonly pending = new Map<number, Delivered[]>();

  constructor(private readonly kernel: Kernel) {
    super();
    kernel.procs.on('exit', (p) => {
      this.handled.delete(p.pid);
      this.pending.delete(p.pid);
      // OS children tell their parent themselves, when they die (not when reaped).
      if (p.kind !== 'os' && p.kind !== 'pty') this.childChanged(p);
    });
  }

  /**
   * May `caller` signal, kill, wait on or re-prioritize `target`? Yes for itself and its
   * descendants; for anyone else it needs KILL_PROCESS. The kernel's own are off limits.
   */
  mayControl(caller: Process, target: Process, verb = 'signal'): void {
    if (UNSIGNALLABLE.has(target.kind)) throw refusal('EPERM', `process ${target.pid} (${target.name}) belongs to the kernel; no one may ${verb} it`, String(target.pid));
    if (this.isOwnedBy(target, caller)) return;
    if (decide(caller.grants, 'KILL_PROCESS').allowed) return;
    throw refusal('EPERM', `process ${target.pid} (${target.name}) is not yours (not you or a process you started); to ${verb} it you need KILL_PROCESS`, String(target.pid));
  }

  private isOwnedBy(target: Process, caller: Process): boolean {
    for (let p: Process | undefined = target; p; p = p.ppid ? this.kernel.procs.get(p.ppid) : undefined) {
      if (p.pid === caller.pid) return true;
    }
    return false;
  }

  handle(pid: number, signal: SignalName, on: boolean): SignalName[] {
    if (!SIGNALS[signal].catchable) throw new KernelError('EINVAL', `${signal} cannot be handled: it always ${signal === 'KILL' ? 'ends' : 'stops'} the process`);
    const set = this.handled.get(pid) ?? new Set();
    if (on) set.add(signal);
    else set.delete(signal);
    this.handled.set(pid, set);
    return [...set];
  }

  handles(pid: number): SignalName[] {
    return [...(this.handled.get(pid) ?? [])];
  }

  /** The signals queued for a process since it last looked; taking them empties the queue. */
  takePending(pid: number, keep = false): Delivered[] {
    const q = this.pending.get(pid) ?? [];
    if (!keep) this.pending.delete(pid);
    return [...q];
  }

  send(from: number, target: Process, signal: SignalName): SendResult {
    if (UNSIGNALLABLE.has(target.kind)) throw refusal('EPERM', `process ${target.pid} (${target.name}) belongs to the kernel and cannot be signalled`, String(target.pid));
    const result = (outcome: SendResult['outcome']): SendResult => ({ pid: target.pid, signal, outcome });
    if (target.kind === 'os' || target.kind === 'pty') {
      if (target.state === 'zombie') throw new KernelError('ESRCH', `process ${target.pid} has already exited; proc.wait collects it`);
      const sent = target.kind === 'os' ? this.kernel.exec.signal(target.pid, signal) : this.kernel.ptys.signal(target.pid, signal);
      if (!sent) throw new KernelError('ESRCH', `process ${target.pid} has already exited`);
      if (signal === 'STOP') target.state = 'stopped';
      if (signal === 'CONT' && target.state === 'stopped') target.state = 'running';
      return result('sent');
    }
    const spec = SIGNALS[signal];
    // CONT always continues, handler or not; KILL and STOP cannot be caught.
    if (signal === 'CONT') this.setRunning(target);
    if (spec.catchable && this.handled.get(target.pid)?.has(signal)) {
      this.queue(target.pid, { signal, from, at: Date.now() });
      return result('queued');
    }
    switch (spec.action) {
      case 'exit':
        this.kernel.procs.exit(target.pid, exitCodeFor(signal));
        return result('exited');
      case 'stop':
        target.state = 'stopped';
        this.childChanged(target);
        return result('stopped');
      case 'continue':
        return result('continued');
      default:
        return result('ignored');
    }
  }

  private setRunning(p: Process) {
    if (p.state !== 'stopped') return;
    p.state = 'running';
    this.kernel.sched.wake();
  }

  private queue(pid: number, d: Delivered) {
    const q = this.pending.get(pid) ?? [];
    q.push(d);
    if (q.length > PENDING_MAX) q.shift();
    this.pending.set(pid, q);
    this.emit('signal', pid, d);
  }

  /** CHLD to the parent when a child ends or stops, if the parent handles it (ignored otherwise). */
  childChanged(child: Process) {
    const parent = child.ppid ? this.kernel.procs.get(child.ppid) : undefined;
    if (parent && this.handled.get(parent.pid)?.has('CHLD')) this.queue(parent.pid, { signal: 'CHLD', from: child.pid, at: Date.now() });
  }
}
