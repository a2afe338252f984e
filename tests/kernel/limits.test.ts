import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { limitSupport, overrideLimitSupport } from '../../src/kernel/proc/limits.js';
import { testKernel } from '../helpers/kernel.js';

const support = limitSupport();
const MiB = 1024 * 1024;

afterEach(() => overrideLimitSupport(undefined));

describe('resource limits of OS children', () => {
  it('stops a runaway writer at max_output and flags the cut', async () => {
    const k = testKernel();
    const r = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'yes', args: ['runaway'], max_output: 10_000 });
    expect(r).toMatchObject({ truncated: true, limit: 'output', timed_out: false, signal: 'SIGTERM' });
    expect(r.stdout.length).toBe(10_000);
    expect(r.stdout.startsWith('runaway\nrunaway\n')).toBe(true);
  });

  it('stops `sleep 100` at the timeout with the kill signal chosen', async () => {
    const k = testKernel();
    const r = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'sleep', args: ['100'], timeout_ms: 200, kill_signal: 'INT' });
    expect(r).toMatchObject({ timed_out: true, limit: 'timeout', signal: 'SIGINT', truncated: false });
    expect(k.logs.some((l) => /stopped by its timeout limit/.test(l.message))).toBe(true);
  });

  it('escalates to SIGKILL when the kill signal is ignored', async () => {
    const k = testKernel();
    k.exec.killGraceMs = 100;
    const r = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'bash', args: ['-c', 'trap "" TERM; sleep 100 & wait; sleep 100'], timeout_ms: 200 });
    expect(r).toMatchObject({ timed_out: true, signal: 'SIGKILL' });
  });

  it('contains a memory hog', async () => {
    const k = testKernel();
    // `tail` keeps an endless line in memory: it grows until something stops it.
    const r = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'tail', args: ['/dev/zero'], limits: { memory_bytes: 32 * MiB }, timeout_ms: 20_000 });
    expect(r.timed_out).toBe(false);
    expect(r.exit_code).not.toBe(0);
    expect(r.limit).toBe('memory');
    expect(r.limits.memory_bytes).toBe(32 * MiB);
  });

  it('contains a memory hog with prlimit alone when no cgroup is writable', async () => {
    if (!support.prlimit) return;
    overrideLimitSupport({ ...support, cgroup: null, parents: {}, mechanism: 'prlimit', detail: 'simulated host without cgroups' });
    const k = testKernel();
    const r = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'tail', args: ['/dev/zero'], limits: { memory_bytes: 64 * MiB }, timeout_ms: 20_000 });
    expect(r).toMatchObject({ timed_out: false, limit: 'memory' });
    expect(r.stderr).toMatch(/memory/i);
    expect((await k.syscall<any>(k.userPid, 'sys.info', {})).limits.mechanism).toBe('prlimit');
  });

  it.skipIf(!support.parents.pids)('caps the processes a child tree may start (cgroup pids)', async () => {
    const k = testKernel();
    const r = await k.syscall<any>(k.userPid, 'proc.spawn', {
      command: 'bash',
      args: ['-c', 'for i in 1 2 3 4 5 6 7 8 9 10; do sleep 5 & done; wait'],
      limits: { max_processes: 4 },
      timeout_ms: 1500,
    });
    expect(r.stderr).toMatch(/fork|Resource temporarily unavailable/);
    expect(r.limits.max_processes).toBe(4);
  });

  it.skipIf(!support.parents.pids)('contains a fork loop and leaves nothing of it behind', async () => {
    const k = testKernel();
    const r = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'bash', args: ['-c', 'f() { f | f & }; f; wait'], limits: { max_processes: 16 }, timeout_ms: 2000 });
    // It ends by itself (its forks fail) or by the timeout; either way the cap held it.
    expect(r.stderr).toMatch(/fork|Resource temporarily unavailable/);
    const dir = `${support.parents.pids}/agentos-${process.pid}`;
    const end = Date.now() + 3000;
    let left = -1;
    while (Date.now() < end) {
      left = existsSync(dir) ? readdirSync(dir).filter((d) => /^c\d+$/.test(d)).length : 0;
      if (!left) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(left).toBe(0);
  });

  it.skipIf(!support.prlimit)('applies cpu time and open-file limits through prlimit', async () => {
    const k = testKernel();
    const files = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'bash', args: ['-c', 'ulimit -n; ulimit -t'], limits: { open_files: 64, cpu_seconds: 7 } });
    expect(files.stdout).toBe('64\n7\n');
    const spin = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'bash', args: ['-c', 'while :; do :; done'], limits: { cpu_seconds: 1 }, timeout_ms: 20_000 });
    expect(spin).toMatchObject({ limit: 'cpu', signal: 'SIGXCPU', timed_out: false });
  });

  it.skipIf(!support.cgroup)('puts every child in the kernel\'s cgroup and removes its own group after', async () => {
    const k = testKernel();
    const r = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'cat', args: ['/proc/self/cgroup'] });
    expect(r.stdout).toMatch(new RegExp(`agentos-${process.pid}/shared`));
    const own = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'cat', args: ['/proc/self/cgroup'], limits: { max_processes: 50 } });
    const m = /:(pids|memory):(\/.*agentos-\d+\/c\d+)$/m.exec(own.stdout);
    expect(m).not.toBeNull();
    const dir = `/sys/fs/cgroup/${m![1]}${m![2]}`;
    const end = Date.now() + 3000;
    while (existsSync(dir) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(dir)).toBe(false);
  });

  it('says in sys.info which mechanism is in force', async () => {
    const k = testKernel();
    const info = await k.syscall<any>(k.userPid, 'sys.info', {});
    expect(info.limits.mechanism).toBe(support.mechanism);
    if (support.cgroup) expect(info.limits.mechanism).toMatch(/^cgroup v[12]/);
    if (readFileSync('/proc/self/cgroup', 'utf8') && !support.cgroup && !support.prlimit) expect(info.limits.mechanism).toBe('timeouts and output caps');
  });
});
