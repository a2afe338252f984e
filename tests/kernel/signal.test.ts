import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernel/kernel.js';
import { grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { kernelError, testKernel } from '../helpers/kernel.js';

const app = (k: Kernel, ppid = k.userPid, profile: 'STANDARD' | 'PRIVILEGED' = 'STANDARD') =>
  k.spawnProcess({ name: 'app', kind: 'app', grants: grantsFor(profile), profile, ppid }).pid;

const hostState = (osPid: number) => {
  const stat = readFileSync(`/proc/${osPid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
};

async function until(check: () => boolean, what: string) {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('signals to app processes', () => {
  it('ends a process on TERM, KILL, INT and HUP, with the shell-style exit code', async () => {
    const k = testKernel();
    for (const [signal, code] of [['TERM', 143], ['KILL', 137], ['INT', 130], ['HUP', 129]] as const) {
      const pid = app(k);
      let exit: number | undefined;
      k.procs.once('exit', (p) => (exit = p.exitCode));
      expect(await k.syscall(k.userPid, 'signal.send', { pid, signal })).toEqual({ pid, signal, outcome: 'exited' });
      expect(k.procs.get(pid)).toBeUndefined();
      expect(exit).toBe(code);
    }
  });

  it('pauses on STOP and resumes on CONT', async () => {
    const k = testKernel();
    const pid = app(k);
    expect((await k.syscall<any>(k.userPid, 'signal.send', { pid, signal: 'STOP' })).outcome).toBe('stopped');
    expect((await k.syscall<any>(k.userPid, 'proc.state', { pid })).state).toBe('stopped');
    expect((await k.syscall<any>(k.userPid, 'signal.send', { pid, signal: 'SIGCONT' })).outcome).toBe('continued');
    expect(k.procs.get(pid)!.state).toBe('running');
  });

  it('ignores USR1, USR2 and CHLD unless handled; handled signals queue for the process', async () => {
    const k = testKernel();
    const pid = app(k);
    for (const signal of ['USR1', 'USR2', 'CHLD']) expect((await k.syscall<any>(k.userPid, 'signal.send', { pid, signal })).outcome).toBe('ignored');
    expect(await k.syscall(pid, 'signal.handle', { signal: 'USR1' })).toEqual({ pid, handled: ['USR1'] });
    await k.syscall(pid, 'signal.handle', { signal: 'TERM' });
    const seen: string[] = [];
    k.signals.on('signal', (to, d) => to === pid && seen.push(d.signal));
    expect((await k.syscall<any>(k.userPid, 'signal.send', { pid, signal: 'USR1' })).outcome).toBe('queued');
    expect((await k.syscall<any>(k.userPid, 'signal.send', { pid, signal: 15 })).outcome).toBe('queued');
    expect(k.procs.get(pid)).toBeDefined(); // TERM was handled, not fatal
    expect(seen).toEqual(['USR1', 'TERM']);
    const pending = await k.syscall<any[]>(pid, 'signal.pending', {});
    expect(pending.map((d) => [d.signal, d.from])).toEqual([['USR1', k.userPid], ['TERM', k.userPid]]);
    expect(await k.syscall(pid, 'signal.pending', {})).toEqual([]);
    await k.syscall(pid, 'signal.handle', { signal: 'TERM', handle: false });
    expect((await k.syscall<any>(k.userPid, 'signal.send', { pid, signal: 'TERM' })).outcome).toBe('exited');
  });

  it('refuses handlers for KILL and STOP, and unknown signals', async () => {
    const k = testKernel();
    const pid = app(k);
    expect((await kernelError(k.syscall(pid, 'signal.handle', { signal: 'KILL' }))).code).toBe('EINVAL');
    expect((await kernelError(k.syscall(pid, 'signal.handle', { signal: 'STOP' }))).code).toBe('EINVAL');
    const e = await kernelError(k.syscall(k.userPid, 'signal.send', { pid, signal: 'BOGUS' }));
    expect(e.code).toBe('EINVAL');
    expect(e.message).toMatch(/TERM/);
  });

  it('tells a parent that handles CHLD when a child ends', async () => {
    const k = testKernel();
    const parent = app(k);
    const child = app(k, parent);
    await k.syscall(parent, 'signal.handle', { signal: 'CHLD' });
    await k.syscall(parent, 'signal.send', { pid: child, signal: 'TERM' });
    expect((await k.syscall<any[]>(parent, 'signal.pending', {})).map((d) => [d.signal, d.from])).toEqual([['CHLD', child]]);
  });

  it('lets only owners and KILL_PROCESS holders signal, and no one the kernel', async () => {
    const k = testKernel();
    const target = app(k, k.initPid);
    const stranger = app(k, k.initPid);
    const e = await kernelError(k.syscall(stranger, 'signal.send', { pid: target, signal: 'TERM' }));
    expect(e.code).toBe('EPERM');
    expect(e.message).toMatch(/not yours.*KILL_PROCESS/);
    expect((await kernelError(k.syscall(k.userPid, 'signal.send', { pid: k.initPid, signal: 'TERM' }))).code).toBe('EPERM');
    // The user process holds KILL_PROCESS (PRIVILEGED), so it may.
    expect((await k.syscall<any>(k.userPid, 'signal.send', { pid: target, signal: 'TERM' })).outcome).toBe('exited');
  });
});

describe('signals to OS children', () => {
  it('delivers real STOP, CONT and TERM', async () => {
    const k = testKernel();
    const { pid, os_pid } = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'sleep', args: ['30'], background: true });
    await k.syscall(k.userPid, 'signal.send', { pid, signal: 'STOP' });
    await until(() => hostState(os_pid) === 'T', 'the child to stop');
    expect(k.procs.get(pid)!.state).toBe('stopped');
    await k.syscall(k.userPid, 'signal.send', { pid, signal: 'CONT' });
    await until(() => hostState(os_pid) === 'S', 'the child to continue');
    expect(k.procs.get(pid)!.state).toBe('running');
    expect(await k.syscall(k.userPid, 'signal.send', { pid, signal: 'TERM' })).toEqual({ pid, signal: 'TERM', outcome: 'sent' });
    expect(await k.syscall<any>(k.userPid, 'proc.wait', { pid })).toMatchObject({ signal: 'SIGTERM' });
  });

  it('reaches the whole process tree of a child', async () => {
    const k = testKernel();
    const { pid } = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'bash', args: ['-c', 'sleep 30 & sleep 30 & wait'], background: true });
    await new Promise((r) => setTimeout(r, 100));
    await k.syscall(k.userPid, 'signal.send', { pid, signal: 'USR1' });
    const r = await k.syscall<any>(k.userPid, 'proc.wait', { pid, timeout_ms: 5000 });
    expect(r.signal).toBe('SIGUSR1');
  });

  it('lists the signals with their default actions', async () => {
    const k = testKernel();
    const list = await k.syscall<any[]>(k.userPid, 'signal.list', {});
    expect(list.map((s) => s.signal).sort()).toEqual(['CHLD', 'CONT', 'HUP', 'INT', 'KILL', 'STOP', 'TERM', 'USR1', 'USR2']);
    expect(list.find((s) => s.signal === 'KILL')).toMatchObject({ number: 9, action: 'exit', catchable: false });
  });
});
