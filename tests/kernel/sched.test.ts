import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernel/kernel.js';
import { grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { kernelError, testKernel } from '../helpers/kernel.js';

const app = (k: Kernel, priority = 5, name = 'app') => k.spawnProcess({ name, kind: 'app', grants: grantsFor('STANDARD'), profile: 'STANDARD', ppid: k.initPid, priority }).pid;

/**
 * CPU-bound work on a clock only work moves: each call "runs" exactly 1 ms of the kernel's
 * scheduler clock, so the order tasks finish in depends on the policy alone, not on how
 * loaded the machine is (a real spin loop gets descheduled by the OS and skews the shares).
 */
function busyOn(k: Kernel): () => void {
  let t = 0;
  k.sched.now = () => t;
  return () => {
    t += 1;
  };
}

/** Two processes submit `n` busy tasks each at once; returns the order tasks finished in. */
async function race(k: Kernel, a: number, b: number, n = 30): Promise<number[]> {
  const order: number[] = [];
  const busy = busyOn(k);
  const work = (pid: number) => Array.from({ length: n }, () => k.sched.submit(pid, () => (busy(), order.push(pid))));
  await Promise.all([...work(a), ...work(b)]);
  return order;
}

const share = (order: number[], pid: number, upTo: number) => order.slice(0, upTo).filter((p) => p === pid).length;

describe('scheduler', () => {
  it('shares fairly between two equal busy processes under fair', async () => {
    const k = testKernel();
    k.sched.configure({ policy: 'fair', quantum_ms: 2, slots: 1 });
    const [a, b] = [app(k), app(k)];
    const order = await race(k, a, b);
    // In the first half each got roughly half the turns.
    expect(share(order, a, 30)).toBeGreaterThanOrEqual(10);
    expect(share(order, b, 30)).toBeGreaterThanOrEqual(10);
    const s = k.sched.stats();
    expect(s.total_scheduled).toBe(60);
    expect(s.context_switches).toBeGreaterThan(2);
  });

  it('runs the high-priority process first under priority', async () => {
    const k = testKernel();
    k.sched.configure({ policy: 'priority', quantum_ms: 2, slots: 1 });
    const [low, high] = [app(k, 2), app(k, 8)];
    const order = await race(k, low, high);
    expect(order).toEqual([...Array(30).fill(high), ...Array(30).fill(low)]);
    const stats = k.sched.stats().processes;
    expect(stats.find((p) => p.pid === low)!.avg_wait_ms).toBeGreaterThan(stats.find((p) => p.pid === high)!.avg_wait_ms);
  });

  it('gives shares by priority under fair, without starving the low one', async () => {
    const k = testKernel();
    k.sched.configure({ policy: 'fair', quantum_ms: 2, slots: 1 });
    const [low, high] = [app(k, 2), app(k, 8)];
    const order = await race(k, low, high);
    const lastHigh = order.lastIndexOf(high);
    expect(share(order, low, lastHigh)).toBeGreaterThan(0);
    expect(share(order, high, 30)).toBeGreaterThan(share(order, low, 30));
  });

  it('takes turns by quantum under round_robin and counts preemptions', async () => {
    const k = testKernel();
    k.sched.configure({ policy: 'round_robin', quantum_ms: 3, slots: 1 });
    const [a, b] = [app(k), app(k)];
    const order = await race(k, a, b, 20);
    const runs = order.filter((p, i) => p !== order[i - 1]).length;
    expect(runs).toBeGreaterThan(4);
    expect(k.sched.stats().preemptions).toBeGreaterThan(0);
  });

  it('holds a stopped process\'s work until it continues', async () => {
    const k = testKernel();
    const pid = app(k);
    await k.syscall(k.userPid, 'signal.send', { pid, signal: 'STOP' });
    let ran = false;
    const done = k.sched.submit(pid, () => (ran = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toBe(false);
    expect(k.sched.stats().queued).toBe(1);
    await k.syscall(k.userPid, 'signal.send', { pid, signal: 'CONT' });
    await done;
    expect(ran).toBe(true);
  });

  it('drops the queued work of a process that exits, and passes task errors through', async () => {
    const k = testKernel();
    k.sched.configure({ slots: 1 });
    const [a, b] = [app(k), app(k)];
    const first = k.sched.submit(a, async () => new Promise((r) => setTimeout(r, 20)));
    const queued = k.sched.submit(b, () => 'never');
    await Promise.resolve();
    k.procs.exit(b);
    expect((await kernelError(queued)).code).toBe('ESRCH');
    await first;
    await expect(k.sched.submit(a, () => Promise.reject(new Error('tool failed')))).rejects.toThrow('tool failed');
    expect((await kernelError(k.sched.submit(9999, () => 1))).code).toBe('ESRCH');
  });

  it('runs work a task submits for its own process at once, instead of deadlocking', async () => {
    const k = testKernel();
    k.sched.configure({ slots: 1 });
    const pid = app(k);
    const r = await k.sched.submit(pid, async () => 1 + (await k.sched.submit(pid, () => 41)));
    expect(r).toBe(42);
  });
});

describe('sched syscalls', () => {
  it('sets the policy (KILL_PROCESS only) and reports stats', async () => {
    const k = testKernel();
    expect(await k.syscall(k.userPid, 'sched.set_policy', { policy: 'round_robin', quantum_ms: 5, slots: 1 })).toEqual({ policy: 'round_robin', quantum_ms: 5, slots: 1 });
    expect((await kernelError(k.syscall(app(k), 'sched.set_policy', { policy: 'fair' }))).code).toBe('EACCES');
    expect((await kernelError(k.syscall(k.userPid, 'sched.set_policy', { policy: 'lottery' }))).code).toBe('EINVAL');
    const pid = app(k, 5, 'worker');
    await k.sched.submit(pid, busyOn(k));
    const s = await k.syscall<any>(k.userPid, 'sched.stats', {});
    expect(s).toMatchObject({ policy: 'round_robin', quantum_ms: 5, total_scheduled: 1, active_processes: 0 });
    expect(s.processes[0]).toMatchObject({ pid, name: 'worker', scheduled: 1, queued: 0 });
    expect(s.processes[0].avg_turnaround_ms).toBeGreaterThan(0);
    expect(await k.syscall(k.userPid, 'sched.current', {})).toMatchObject({ pid, running: [] });
  });

  it('shows who runs next and lets a process yield its turn', async () => {
    const k = testKernel();
    k.sched.configure({ policy: 'priority', slots: 1 });
    expect(await k.syscall(k.userPid, 'sched.next', {})).toEqual({ pid: null, policy: 'priority' });
    const [blocker, low, high] = [app(k, 5), app(k, 1), app(k, 9)];
    // The one slot is busy, so the other two wait in the queue.
    const busySlot = k.sched.submit(blocker, () => new Promise((r) => setTimeout(r, 50)));
    await Promise.resolve();
    const rest = [k.sched.submit(low, () => undefined), k.sched.submit(high, () => undefined)];
    const next = await k.syscall<any>(k.userPid, 'sched.next', {});
    expect(next).toMatchObject({ pid: high, queued: 1, policy: 'priority' });
    expect(await k.syscall(high, 'sched.yield', {})).toEqual({ pid: high, yielded: true, next: low });
    await Promise.all([busySlot, ...rest]);
  });

  it('reports scheduled CPU time in proc.stats of an app process', async () => {
    const k = testKernel();
    const pid = app(k);
    await k.sched.submit(pid, busyOn(k));
    const s = await k.syscall<any>(k.userPid, 'proc.stats', { pid });
    expect(s.cpu_ms).toBeGreaterThan(0);
  });
});
