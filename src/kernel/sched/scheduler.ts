import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';
import { KernelError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import { POLICIES, weightOf, type PolicyName, type Runnable } from './policies.js';

interface Task {
  run: () => unknown;
  resolve: (v: any) => void;
  reject: (e: unknown) => void;
  submittedAt: number;
}

interface Entity extends Runnable {
  queue: Task[];
  scheduled: number;
  completed: number;
  cpuMs: number;
  waitMs: number;
  turnaroundMs: number;
}

export interface SchedulerConfig {
  policy?: PolicyName;
  quantum_ms?: number;
  /** How many processes' tasks may be in flight at once ("CPUs"). */
  slots?: number;
}

/**
 * Orders the kernel's queued work: app tool runs, timers, service calls. Work is submitted
 * per process; a process runs one task at a time, at most `slots` processes at once, and
 * the policy decides who goes next whenever a slot frees. A task's run time is charged to
 * its process (slices, virtual runtime). Tasks cannot be interrupted, so a preemption is
 * a switch away from a process that still had work before it gave up its turn.
 */
export class Scheduler {
  policy: PolicyName = 'fair';
  quantumMs = 10;
  slots = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  /** The clock tasks are timed with (milliseconds). */
  now: () => number = () => performance.now();
  totalScheduled = 0;
  contextSwitches = 0;
  preemptions = 0;
  private readonly entities = new Map<number, Entity>();
  private readonly running = new Set<number>();
  private lastPid?: number;
  private holder?: number;
  private sliceUsed = 0;
  private skip?: number;
  private seq = 0;
  private pumpQueued = false;
  private readonly inTask = new AsyncLocalStorage<number>();

  constructor(private readonly kernel: Kernel) {
    kernel.procs.on('exit', (p) => this.forget(p.pid));
  }

  configure(c: SchedulerConfig) {
    if (c.policy) this.policy = c.policy;
    if (c.quantum_ms !== undefined) this.quantumMs = c.quantum_ms;
    if (c.slots !== undefined) this.slots = c.slots;
    this.wake();
    return { policy: this.policy, quantum_ms: this.quantumMs, slots: this.slots };
  }

  /**
   * Run `task` for process `pid` when the policy gives it a turn; resolves with its result.
   * Work submitted in the same tick competes together. A task that submits work for its
   * own process runs it at once (it already holds the turn; waiting would deadlock).
   */
  submit<T>(pid: number, task: () => T | Promise<T>): Promise<T> {
    if (!this.kernel.procs.get(pid)) return Promise.reject(new KernelError('ESRCH', `process ${pid} does not exist`));
    if (this.inTask.getStore() === pid) return Promise.resolve().then(task);
    const e = this.entity(pid);
    return new Promise<T>((resolve, reject) => {
      e.queue.push({ run: task, resolve, reject, submittedAt: this.now() });
      this.wake();
    });
  }

  private entity(pid: number): Entity {
    let e = this.entities.get(pid);
    const floor = this.minVruntime();
    if (!e) {
      // Newcomers start level with the busiest, so they neither starve nor are starved.
      e = { pid, priority: 5, vruntime: floor, lastRan: 0, queue: [], scheduled: 0, completed: 0, cpuMs: 0, waitMs: 0, turnaroundMs: 0 };
      this.entities.set(pid, e);
    } else if (!e.queue.length && !this.running.has(pid)) {
      // Waking after idling: no banked credit beyond one quantum.
      e.vruntime = Math.max(e.vruntime, floor - this.quantumMs);
    }
    return e;
  }

  private minVruntime(): number {
    let min = Infinity;
    for (const e of this.entities.values()) if (e.queue.length || this.running.has(e.pid)) min = Math.min(min, e.vruntime);
    return Number.isFinite(min) ? min : 0;
  }

  /** Dispatch on the next microtask, so work submitted together is ordered together. */
  wake() {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  private ready(): Entity[] {
    const list: Entity[] = [];
    for (const e of this.entities.values()) {
      if (!e.queue.length || this.running.has(e.pid)) continue;
      const p = this.kernel.procs.get(e.pid);
      if (!p || p.state === 'stopped') continue;
      e.priority = p.priority;
      list.push(e);
    }
    return list;
  }

  private choose(ready: Entity[]): Entity {
    const pool = this.skip !== undefined && ready.length > 1 ? ready.filter((e) => e.pid !== this.skip) : ready;
    const holder = this.holder !== undefined ? this.entities.get(this.holder) : undefined;
    return POLICIES[this.policy](pool, { holder: holder && pool.includes(holder) ? holder : undefined, used: this.sliceUsed, quantum: this.quantumMs }) as Entity;
  }

  private pump() {
    while (this.running.size < this.slots) {
      const ready = this.ready();
      if (!ready.length) return;
      this.dispatch(this.choose(ready));
      this.skip = undefined;
    }
  }

  private dispatch(e: Entity) {
    if (this.holder !== e.pid) {
      const prev = this.holder !== undefined ? this.entities.get(this.holder) : undefined;
      if (prev && prev.queue.length) this.preemptions++;
      this.holder = e.pid;
      this.sliceUsed = 0;
    }
    if (this.lastPid !== undefined && this.lastPid !== e.pid) this.contextSwitches++;
    this.lastPid = e.pid;
    this.totalScheduled++;
    e.scheduled++;
    e.lastRan = ++this.seq;
    const task = e.queue.shift()!;
    const start = this.now();
    e.waitMs += start - task.submittedAt;
    this.running.add(e.pid);
    const finish = () => {
      const end = this.now();
      const ran = end - start;
      e.cpuMs += ran;
      e.vruntime += ran / weightOf(e.priority);
      e.turnaroundMs += end - task.submittedAt;
      e.completed++;
      if (this.holder === e.pid) this.sliceUsed += ran;
      this.running.delete(e.pid);
      this.wake();
    };
    Promise.resolve()
      .then(() => this.inTask.run(e.pid, task.run))
      .then(
        (v) => {
          finish();
          task.resolve(v);
        },
        (err) => {
          finish();
          task.reject(err);
        },
      );
  }

  /** The process gives up the rest of its slice: the next turn goes to someone else with work. */
  yield(pid: number) {
    if (this.holder === pid) this.holder = undefined;
    this.skip = pid;
    this.wake();
    return { pid, yielded: true, next: this.peek()?.pid ?? null };
  }

  /** Who the policy would run next, without running it. */
  peek(): Entity | undefined {
    const ready = this.ready();
    return ready.length ? this.choose(ready) : undefined;
  }

  current() {
    return { pid: this.lastPid ?? null, holder: this.holder ?? null, running: [...this.running], slice_used_ms: round(this.sliceUsed), quantum_ms: this.quantumMs };
  }

  private forget(pid: number) {
    const e = this.entities.get(pid);
    if (!e) return;
    this.entities.delete(pid);
    if (this.holder === pid) this.holder = undefined;
    for (const t of e.queue) t.reject(new KernelError('ESRCH', `process ${pid} exited before its queued work ran`));
  }

  stats() {
    const processes = [...this.entities.values()].map((e) => {
      const p = this.kernel.procs.get(e.pid);
      return {
        pid: e.pid,
        name: p?.name ?? '',
        priority: p?.priority ?? e.priority,
        queued: e.queue.length,
        running: this.running.has(e.pid),
        scheduled: e.scheduled,
        cpu_ms: round(e.cpuMs),
        vruntime: round(e.vruntime),
        avg_wait_ms: e.completed ? round(e.waitMs / e.scheduled) : 0,
        avg_turnaround_ms: e.completed ? round(e.turnaroundMs / e.completed) : 0,
      };
    });
    return {
      policy: this.policy,
      quantum_ms: this.quantumMs,
      slots: this.slots,
      total_scheduled: this.totalScheduled,
      context_switches: this.contextSwitches,
      preemptions: this.preemptions,
      active_processes: processes.filter((p) => p.queued || p.running).length,
      queued: processes.reduce((n, p) => n + p.queued, 0),
      processes,
    };
  }

  /** CPU time a process's tasks have used, for proc.stats of app processes. */
  cpuOf(pid: number): number {
    return round(this.entities.get(pid)?.cpuMs ?? 0);
  }

  shutdown() {
    for (const pid of [...this.entities.keys()]) this.forget(pid);
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
