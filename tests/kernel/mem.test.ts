import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernel/kernel.js';
import { grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { kernelError, testKernel } from '../helpers/kernel.js';

const app = (k: Kernel, name = 'app', ppid = k.userPid) => k.spawnProcess({ name, kind: 'app', grants: grantsFor('STANDARD'), profile: 'STANDARD', ppid }).pid;

async function until(check: () => boolean, what: string) {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('memory accounting', () => {
  it('charges and releases bytes per process and kind', async () => {
    const k = testKernel();
    const pid = app(k);
    k.mem.charge(pid, 4000, 'state');
    k.mem.charge(pid, 1000, 'queue');
    k.mem.release(pid, 500, 'queue');
    const s = await k.syscall<any>(k.userPid, 'mem.proc_stats', { pid });
    expect(s).toMatchObject({ pid, name: 'app', bytes: 4500, peak_bytes: 5000, limit_bytes: null, by_kind: { state: 4000, queue: 500 } });
    expect(k.procs.get(pid)!.memoryBytes).toBe(4500);
    expect((await k.syscall<any>(k.userPid, 'proc.info', { pid })).memory_bytes).toBe(4500);
    const total = await k.syscall<any>(k.userPid, 'mem.stats', {});
    expect(total.used_bytes).toBeGreaterThanOrEqual(4500);
    expect(total.by_kind.state).toBe(4000);
    k.procs.exit(pid);
    expect((await k.syscall<any>(k.userPid, 'mem.stats', {})).by_kind.state).toBeUndefined();
  });

  it('refuses a charge over the process limit with ENOMEM', async () => {
    const k = testKernel();
    const pid = app(k);
    expect(await k.syscall(k.userPid, 'mem.set_limit', { pid, bytes: 10_000 })).toMatchObject({ pid, limit_bytes: 10_000 });
    k.mem.charge(pid, 8000, 'state');
    let err: unknown;
    try {
      k.mem.charge(pid, 4000, 'state');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'ENOMEM' });
    expect((err as Error).message).toMatch(/over its memory limit/);
    expect(k.mem.usage(pid).bytes).toBe(8000);
  });

  it('rises through pressure levels and kills the largest offender at the global limit', async () => {
    const k = testKernel();
    k.mem.globalLimit = 10_000;
    const [small, big] = [app(k, 'small'), app(k, 'big')];
    k.mem.charge(small, 3000, 'state');
    expect(k.mem.pressure()).toBe('normal');
    k.mem.charge(big, 5000, 'shm');
    expect(k.mem.pressure()).toBe('warning');
    k.mem.charge(big, 1000, 'shm');
    expect(k.mem.pressure()).toBe('critical');
    expect(() => k.mem.charge(small, 2000, 'state')).toThrow(/global limit/);
    await until(() => !k.procs.get(big), 'the OOM kill');
    expect(k.procs.get(small)).toBeDefined();
    const s = await k.syscall<any>(k.userPid, 'mem.stats', {});
    expect(s).toMatchObject({ oom_kills: 1, pressure: 'normal' });
    expect(s.last_oom).toMatchObject({ pid: big, name: 'big', bytes: 6000 });
    expect(k.logs.some((l) => /out of memory: killed process \d+ \(big\).*the most of/.test(l.message))).toBe(true);
  });

  it('samples RSS of OS children and kills one over its limit', async () => {
    const k = testKernel();
    const { pid } = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'sleep', args: ['30'], background: true });
    const s = await k.syscall<any>(k.userPid, 'mem.proc_stats', { pid });
    expect(s.by_kind.rss).toBeGreaterThan(0);
    await k.syscall(k.userPid, 'mem.set_limit', { pid, bytes: 4096 });
    k.mem.sample();
    expect(k.procs.get(pid)).toBeUndefined();
    expect(k.logs.some((l) => /killed process .*over its memory limit/.test(l.message))).toBe(true);
  });

  it('lets a process lower but not raise its own limit; the global one needs KILL_PROCESS', async () => {
    const k = testKernel();
    const parent = app(k, 'parent');
    const child = app(k, 'child', parent);
    await k.syscall(parent, 'mem.set_limit', { pid: child, bytes: 50_000 });
    await k.syscall(child, 'mem.set_limit', { pid: child, bytes: 40_000 });
    expect((await kernelError(k.syscall(child, 'mem.set_limit', { pid: child, bytes: 90_000 }))).code).toBe('EPERM');
    expect((await kernelError(k.syscall(child, 'mem.set_limit', { pid: child, bytes: null }))).code).toBe('EPERM');
    expect((await kernelError(k.syscall(child, 'mem.set_limit', { pid: parent, bytes: 1 }))).code).toBe('EPERM');
    expect((await kernelError(k.syscall(parent, 'mem.set_limit', { bytes: 1 << 30 }))).code).toBe('EACCES');
    expect(await k.syscall(k.userPid, 'mem.set_limit', { bytes: 1 << 30 })).toEqual({ global_limit_bytes: 1 << 30 });
  });

  it('runs the garbage collector when the host allows it', async () => {
    const k = testKernel();
    const r = await k.syscall<any>(k.userPid, 'mem.gc', {});
    if ((globalThis as { gc?: unknown }).gc) expect(r).toMatchObject({ available: true });
    else expect(r).toEqual({ available: false, hint: expect.stringMatching(/--expose-gc/) });
  });
});

describe('memory held in IPC', () => {
  it('counts the bytes buffered in a process\'s pipes', async () => {
    const k = testKernel();
    const pid = app(k);
    const { id } = await k.syscall<any>(pid, 'pipe.create', {});
    await k.syscall(pid, 'pipe.write', { id, data: 'x'.repeat(1000) });
    const s = await k.syscall<any>(pid, 'mem.proc_stats', {});
    expect(s.by_kind.pipe).toBeGreaterThanOrEqual(1000);
  });
});
