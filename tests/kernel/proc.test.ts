import { readFileSync, realpathSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernel/kernel.js';
import type { Grant } from '../../src/kernel/sandbox/capabilities.js';
import { grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { kernelError, testKernel } from '../helpers/kernel.js';

/** An app process under the user process, with the grants given. */
const app = (k: Kernel, grants: Grant[], ppid = k.userPid) => k.spawnProcess({ name: 'app', kind: 'app', grants, ppid, cwd: '/home' }).pid;
const spawnGrant = (...scope: string[]): Grant => ({ cap: 'SPAWN_PROCESS', scope });

const alive = (osPid: number) => {
  try {
    process.kill(osPid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('proc.spawn', () => {
  it('runs a real program and returns its exit status and output', async () => {
    const k = testKernel();
    const r = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'echo', args: ['hello', 'world'] });
    expect(r).toMatchObject({ exit_code: 0, signal: null, stdout: 'hello world\n', stderr: '', timed_out: false, truncated: false, limit: null });
    expect(r.os_pid).toBeGreaterThan(0);
    expect(k.procs.get(r.pid)).toBeUndefined(); // collected
  });

  it('passes shell metacharacters literally: there is no shell', async () => {
    const k = testKernel();
    const r = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'printf', args: ['%s\n', '$(id)', ';', '|', '`id`', '*', '&& echo pwned'] });
    expect(r.stdout).toBe('$(id)\n;\n|\n`id`\n*\n&& echo pwned\n');
  });

  it('feeds stdin and reports a failing exit code', async () => {
    const k = testKernel();
    expect((await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'cat', stdin: 'from stdin' })).stdout).toBe('from stdin');
    const r = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'ls', args: ['--', '/no/such/place'] });
    expect(r.exit_code).not.toBe(0);
    expect(r.stderr).toMatch(/no\/such\/place/);
  });

  it('builds the environment from an allowlist and refuses code-loading variables', async () => {
    const k = testKernel();
    process.env.AGENTOS_TEST_SECRET = 'do-not-leak';
    try {
      await k.syscall(k.userPid, 'sys.env_set', { name: 'FROM_PROC', value: 'inherited' });
      const r = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'env', env: { GREETING: 'hi' } });
      expect(r.stdout).toMatch(/^PATH=/m);
      expect(r.stdout).toMatch(/^GREETING=hi$/m);
      expect(r.stdout).toMatch(/^FROM_PROC=inherited$/m);
      expect(r.stdout).not.toMatch(/do-not-leak|AGENTOS_TEST|VITEST/);
    } finally {
      delete process.env.AGENTOS_TEST_SECRET;
    }
    for (const name of ['LD_PRELOAD', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'NODE_OPTIONS', 'BASH_ENV']) {
      const e = await kernelError(k.syscall(k.userPid, 'proc.spawn', { command: 'env', env: { [name]: '/tmp/evil.so' } }));
      expect(e.code).toBe('EPERM');
      expect(e.message).toContain(name);
    }
  });

  it('runs in a VFS folder on a host mount, /home by default', async () => {
    const k = testKernel();
    const home = realpathSync(k.options.home);
    expect((await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'pwd' })).stdout).toBe(`${home}\n`);
    await k.syscall(k.userPid, 'fs.mkdir', { path: '/home/work' });
    expect((await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'pwd', cwd: '/home/work' })).stdout).toBe(`${path.join(home, 'work')}\n`);
    expect((await kernelError(k.syscall(k.userPid, 'proc.spawn', { command: 'pwd', cwd: '/tmp' }))).code).toBe('EINVAL');
    expect((await kernelError(k.syscall(k.userPid, 'proc.spawn', { command: 'pwd', cwd: '/home/missing' }))).code).toBe('ENOENT');
  });

  it('refuses unknown programs and option-looking commands', async () => {
    const k = testKernel();
    expect((await kernelError(k.syscall(k.userPid, 'proc.spawn', { command: 'no-such-program-xyz' }))).code).toBe('ENOENT');
    expect((await kernelError(k.syscall(k.userPid, 'proc.spawn', { command: '--upload-pack=evil' }))).code).toBe('EINVAL');
  });
});

describe('SPAWN_PROCESS scopes', () => {
  it('allows exactly the programs granted, by basename or canonical path', async () => {
    const k = testKernel();
    const pid = app(k, [spawnGrant('echo')]);
    expect((await k.syscall<any>(pid, 'proc.spawn', { command: 'echo', args: ['ok'] })).stdout).toBe('ok\n');
    const denied = await kernelError(k.syscall(pid, 'proc.spawn', { command: 'ls' }));
    expect(denied.code).toBe('EACCES');
    expect(denied.message).toMatch(/SPAWN_PROCESS/);

    const ls = realpathSync('/bin/ls');
    const byPath = app(k, [spawnGrant(ls)]);
    expect((await k.syscall<any>(byPath, 'proc.spawn', { command: 'ls', args: ['/'] })).exit_code).toBe(0);
  });

  it('checks the canonical program: a link named like a granted one does not pass', async () => {
    const k = testKernel();
    symlinkSync(realpathSync('/bin/bash'), path.join(k.options.home, 'echo'));
    const pid = app(k, [spawnGrant('echo')]);
    const e = await kernelError(k.syscall(pid, 'proc.spawn', { command: './echo', args: ['-c', 'id'] }));
    expect(e.code).toBe('EACCES');
    expect(e.message).toMatch(/bash/);
  });

  it('lets the most specific rule win: allow one program, deny the rest', async () => {
    const k = testKernel();
    const pid = app(k, [spawnGrant('echo'), { cap: 'SPAWN_PROCESS', scope: ['*'], deny: true }]);
    expect((await k.syscall<any>(pid, 'proc.spawn', { command: 'echo' })).exit_code).toBe(0);
    expect((await kernelError(k.syscall(pid, 'proc.spawn', { command: 'cat' }))).code).toBe('EACCES');
    const privileged = app(k, [...grantsFor('PRIVILEGED'), { cap: 'SPAWN_PROCESS', scope: ['rm'], deny: true }]);
    expect((await kernelError(k.syscall(privileged, 'proc.spawn', { command: 'rm', args: ['-rf', '/nothing'] }))).code).toBe('EACCES');
  });

  it('gives the STANDARD profile no programs at all', async () => {
    const k = testKernel();
    const pid = app(k, grantsFor('STANDARD'));
    expect((await kernelError(k.syscall(pid, 'proc.spawn', { command: 'true' }))).code).toBe('EACCES');
  });
});

describe('OS children in the process table', () => {
  it('lists a background child with its parent, host pid and state; wait collects it', async () => {
    const k = testKernel();
    const { pid, os_pid } = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'sleep', args: ['30'], background: true });
    const listed = (await k.syscall<any[]>(k.userPid, 'proc.list', {})).find((p) => p.pid === pid);
    expect(listed).toMatchObject({ kind: 'os', ppid: k.userPid, state: 'running', os_pid, name: 'sleep' });
    expect(listed.command).toMatch(/sleep 30$/);
    expect(await k.syscall(k.userPid, 'proc.state', { pid })).toEqual({ pid, state: 'running', exit_code: null });
    expect((await kernelError(k.syscall(k.userPid, 'proc.wait', { pid, timeout_ms: 50 }))).code).toBe('ETIMEDOUT');

    const killed = await k.syscall<any>(k.userPid, 'proc.kill', { pid });
    expect(killed).toMatchObject({ pid, signal: 'TERM', exited: true });
    expect(alive(os_pid)).toBe(false);
    expect((await k.syscall<any>(k.userPid, 'proc.state', { pid })).state).toBe('zombie');
    const report = await k.syscall<any>(k.userPid, 'proc.wait', { pid });
    expect(report).toMatchObject({ pid, signal: 'SIGTERM', exit_code: null });
    expect((await kernelError(k.syscall(k.userPid, 'proc.info', { pid }))).code).toBe('ESRCH');
  });

  it('reaps an exited child nobody waits for after the grace period', async () => {
    const k = testKernel();
    k.exec.reapAfterMs = 30;
    const { pid } = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'true', background: true });
    await until(() => !k.procs.get(pid), 'the zombie to be reaped');
    expect((await kernelError(k.syscall(k.userPid, 'proc.wait', { pid }))).code).toBe('ESRCH');
  });

  it('kills OS children when their parent process closes', async () => {
    const k = testKernel();
    const parent = app(k, [spawnGrant('sleep')]);
    const { pid, os_pid } = await k.syscall<any>(parent, 'proc.spawn', { command: 'sleep', args: ['30'], background: true });
    expect(alive(os_pid)).toBe(true);
    k.procs.exit(parent);
    expect(k.procs.get(pid)).toBeUndefined();
    await until(() => !alive(os_pid) || /^Z/.test(hostState(os_pid)), 'the child to die');
  });

  it('kills children on kernel shutdown', async () => {
    const k = testKernel();
    const { os_pid } = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'sleep', args: ['30'], background: true });
    await k.shutdown();
    expect(alive(os_pid)).toBe(false);
  });

  it('lets only the owner or a KILL_PROCESS holder kill, and never the kernel', async () => {
    const k = testKernel();
    const { pid } = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'sleep', args: ['30'], background: true });
    const stranger = app(k, grantsFor('STANDARD'), k.initPid);
    const e = await kernelError(k.syscall(stranger, 'proc.kill', { pid }));
    expect(e.code).toBe('EPERM');
    expect(e.message).toMatch(/KILL_PROCESS/);
    expect((await kernelError(k.syscall(stranger, 'proc.wait', { pid, timeout_ms: 10 }))).code).toBe('EPERM');
    expect((await kernelError(k.syscall(k.userPid, 'proc.kill', { pid: k.initPid }))).code).toBe('EPERM');
    const admin = app(k, [{ cap: 'KILL_PROCESS' }], k.initPid);
    expect(await k.syscall<any>(admin, 'proc.kill', { pid, signal: 'KILL' })).toMatchObject({ exited: true });
  });

  it('reports CPU and RSS from /proc for an OS child', async () => {
    const k = testKernel();
    const { pid } = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'sleep', args: ['30'], background: true });
    const s = await k.syscall<any>(k.userPid, 'proc.stats', { pid });
    expect(s).toMatchObject({ pid, kind: 'os' });
    expect(s.rss_bytes).toBeGreaterThan(0);
    expect(typeof s.cpu_ms).toBe('number');
    expect(s.host_state).toMatch(/^[RS]$/);
    const own = await k.syscall<any>(k.userPid, 'proc.stats', {});
    expect(own).toMatchObject({ pid: k.userPid, kind: 'user', rss_bytes: null });
  });

  it('maps priority to OS niceness', async () => {
    const k = testKernel();
    const { pid, os_pid } = await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'sleep', args: ['30'], background: true, priority: 3 });
    expect(os.getPriority(os_pid)).toBe(4);
    expect(await k.syscall(k.userPid, 'proc.set_priority', { pid, priority: 0 })).toEqual({ pid, priority: 0, nice: 10 });
    expect(os.getPriority(os_pid)).toBe(10);
    expect(k.procs.get(pid)!.priority).toBe(0);
  });

  it('shows app and OS processes alike in proc.info', async () => {
    const k = testKernel();
    const info = await k.syscall<any>(k.userPid, 'proc.info', {});
    expect(info).toMatchObject({ pid: k.userPid, kind: 'user', ppid: k.initPid, os_pid: null });
  });
});

function hostState(osPid: number): string {
  try {
    const stat = readFileSync(`/proc/${osPid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2);
  } catch {
    return 'gone';
  }
}
