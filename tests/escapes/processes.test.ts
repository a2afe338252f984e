import { spawn } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KernelError } from '../../src/kernel/errors.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import type { Grant } from '../../src/kernel/sandbox/capabilities.js';
import { PROFILE_NAMES, grantsFor, type ProfileName } from '../../src/kernel/sandbox/profiles.js';
import { onCleanup, testKernel } from '../helpers/kernel.js';
import { homeOf } from '../fuzz/helpers.js';

/**
 * Ways out through programs, pids and other processes' IPC, for each profile. Programs:
 * metacharacters, options as commands, a script the app wrote named like a granted program
 * (run as ./name or found through a PATH it set), code-loading variables set directly or
 * through sys.env_set. Pids: the host's own pids are not the kernel's. IPC: another
 * process's pipe, segment, queue and descriptors. (tests/kernel/proc.test.ts and the IPC
 * tests cover the basics as one profile; this covers the rest.)
 */
const MARK = path.join('/tmp', `agentos-escape-ran-${process.pid}`);

function proc(k: Kernel, profile: ProfileName, extra: Grant[] = []) {
  return k.spawnProcess({ name: `as-${profile}`, kind: 'app', grants: [...grantsFor(profile), ...extra], profile, ppid: k.initPid, cwd: '/home' }).pid;
}

const refusal = (e: unknown) => (e instanceof KernelError ? e.code : `resolved ${JSON.stringify(e)?.slice(0, 100)}`);

describe('program escapes', () => {
  it('a script named like a granted program does not run, however it is reached', async () => {
    const k = testKernel();
    const home = homeOf(k);
    writeFileSync(path.join(home, 'echo'), `#!/bin/sh\ntouch ${MARK}\n`);
    chmodSync(path.join(home, 'echo'), 0o755);
    const pid = proc(k, 'STANDARD', [{ cap: 'SPAWN_PROCESS', scope: ['echo'] }]);
    const attempts: Record<string, unknown>[] = [
      { command: './echo' }, { command: 'echo', env: { PATH: home } }, { command: 'echo', env: { PATH: `${home}:/usr/bin:/bin` } }, { command: 'echo', cwd: '/home', env: { PATH: '.' } },
    ];
    for (const args of attempts) {
      const r = await k.syscall(pid, 'proc.spawn', args).catch((e: unknown) => e);
      expect(refusal(r), JSON.stringify(args)).toMatch(/EACCES|ENOENT/);
    }
    await k.syscall(pid, 'sys.env_set', { name: 'PATH', value: home });
    expect(refusal(await k.syscall(pid, 'proc.spawn', { command: 'echo' }).catch((e: unknown) => e))).toBe('EACCES');
    expect(existsSync(MARK)).toBe(false);
    // The system's echo is still what the grant means.
    const sys = proc(k, 'STANDARD', [{ cap: 'SPAWN_PROCESS', scope: ['echo'] }]);
    expect((await k.syscall<{ stdout: string }>(sys, 'proc.spawn', { command: 'echo', args: ['ok'] })).stdout).toBe('ok\n');
  });

  for (const profile of PROFILE_NAMES) {
    it(`${profile}: metacharacters, options and injected environments never reach a shell or a loader`, async () => {
      const k = testKernel();
      const pid = proc(k, profile);
      const denied0 = k.metrics.snapshot().denials_total;
      const commands = [`touch ${MARK}`, `true; touch ${MARK}`, `$(touch ${MARK})`, `\`touch ${MARK}\``, `true && touch ${MARK}`, `true|touch ${MARK}`, '-c', '--help', '-e', `sh -c "touch ${MARK}"`, '', '\0sh', 'sh\0'];
      for (const command of commands) {
        const r = await k.syscall(pid, 'proc.spawn', { command }).catch((e: unknown) => e);
        expect(r, `${profile} ${JSON.stringify(command)}`).toBeInstanceOf(KernelError);
        expect((r as KernelError).code).toMatch(/EACCES|ENOENT|EINVAL/);
      }
      for (const name of ['LD_PRELOAD', 'LD_AUDIT', 'LD_LIBRARY_PATH', 'NODE_OPTIONS', 'BASH_ENV', 'ENV', 'PERL5OPT', 'PYTHONSTARTUP', 'GIT_SSH_COMMAND', 'BASH_FUNC_echo%%']) {
        const r = await k.syscall(pid, 'proc.spawn', { command: 'env', env: { [name]: `/tmp/evil-${name}` } }).catch((e: unknown) => e);
        expect(r, `${profile} ${name}`).toBeInstanceOf(KernelError);
        expect((r as KernelError).code).toMatch(/EACCES|EPERM|EINVAL/);
        // Set on the process, they are dropped from what its children get.
        await k.syscall(pid, 'sys.env_set', { name, value: `/tmp/evil-${name}` }).catch(() => {});
      }
      if (profile === 'PRIVILEGED') {
        const out = await k.syscall<{ stdout: string }>(pid, 'proc.spawn', { command: 'env' });
        expect(out.stdout).not.toMatch(/evil-/);
        const literal = await k.syscall<{ stdout: string }>(pid, 'proc.spawn', { command: 'echo', args: [`$(touch ${MARK})`, ';', '`id`'] });
        expect(literal.stdout).toBe(`$(touch ${MARK}) ; \`id\`\n`);
      }
      expect(existsSync(MARK)).toBe(false);
      if (profile !== 'PRIVILEGED') expect(k.metrics.snapshot().denials_total).toBeGreaterThan(denied0);
    });
  }
});

describe('pid escapes', () => {
  for (const profile of PROFILE_NAMES) {
    it(`${profile}: host pids are not kernel pids, and other processes are off limits`, async () => {
      const k = testKernel();
      const host = spawn('sleep', ['30'], { stdio: 'ignore' });
      onCleanup(() => void host.kill('SIGKILL'));
      const other = proc(k, 'STANDARD');
      const pid = proc(k, profile);
      const denied0 = k.metrics.snapshot().denials_total;
      const calls: [string, (p: number) => Record<string, unknown>][] = [
        ['signal.send', (p) => ({ pid: p, signal: 'KILL' })], ['proc.kill', (p) => ({ pid: p })], ['proc.wait', (p) => ({ pid: p, timeout_ms: 1 })],
        ['proc.set_priority', (p) => ({ pid: p, priority: 0 })], ['pty.write', (p) => ({ pid: p, data: 'id\r' })], ['pty.close', (p) => ({ pid: p })],
        ['mem.set_limit', (p) => ({ pid: p, bytes: 1 })],
      ];
      for (const [name, args] of calls) {
        for (const target of [process.pid, host.pid!, 1, -1, 0, 2 ** 31]) {
          const r = await k.syscall(pid, name, args(target)).catch((e: unknown) => e);
          expect(refusal(r), `${profile} ${name} ${target}`).toMatch(/ESRCH|EINVAL|EPERM|EACCES/);
        }
        if (profile !== 'PRIVILEGED') {
          const r = await k.syscall(pid, name, args(other)).catch((e: unknown) => e);
          expect(refusal(r), `${profile} ${name} on another app`).toMatch(/EPERM|EACCES|ECHILD|ESRCH/);
        }
        for (const kernelPid of [k.initPid]) {
          const r = await k.syscall(pid, name, args(kernelPid)).catch((e: unknown) => e);
          if (name !== 'proc.wait') expect(refusal(r), `${profile} ${name} on init`).toMatch(/EPERM|EACCES|ESRCH|EINVAL/);
        }
      }
      expect(host.exitCode).toBeNull();
      expect(host.signalCode).toBeNull();
      expect(k.procs.get(other)?.state).toBe('running');
      if (profile !== 'PRIVILEGED') expect(k.metrics.snapshot().denials_total).toBeGreaterThan(denied0);
    });
  }
});

describe("other processes' IPC", () => {
  it('a STANDARD process cannot use or destroy another one\'s pipe, segment, queue or descriptors', async () => {
    const k = testKernel();
    writeFileSync(path.join(homeOf(k), 'owned.txt'), 'owned');
    const owner = proc(k, 'STANDARD');
    const intruder = proc(k, 'STANDARD');
    const pipe = await k.syscall<{ id: number }>(owner, 'pipe.create', {});
    await k.syscall(owner, 'pipe.write', { id: pipe.id, data: 'private' });
    const shm = await k.syscall<{ id: number }>(owner, 'shm.create', { size: 16 });
    await k.syscall(owner, 'shm.write', { id: shm.id, data: 'private' });
    const queue = await k.syscall<{ id: number }>(owner, 'queue.create', {});
    await k.syscall(owner, 'queue.send', { id: queue.id, data: 'private' });
    const fd = await k.syscall<{ fd: number }>(owner, 'fd.open', { path: '/home/owned.txt', flags: 'r+' });
    const denied0 = k.metrics.snapshot().denials_total;
    const attempts: [string, Record<string, unknown>][] = [
      ['pipe.read', { id: pipe.id, timeout_ms: 1 }], ['pipe.write', { id: pipe.id, data: 'x', timeout_ms: 1 }], ['pipe.close', { id: pipe.id, end: 'write' }],
      ['pipe.close', { id: pipe.id, end: 'read' }], ['pipe.destroy', { id: pipe.id }], ['pipe.stats', { id: pipe.id }],
      ['shm.attach', { id: shm.id }], ['shm.read', { id: shm.id }], ['shm.write', { id: shm.id, data: 'x' }], ['shm.destroy', { id: shm.id }], ['shm.detach', { id: shm.id }],
      ['queue.receive', { id: queue.id, timeout_ms: 1 }], ['queue.subscribe', { id: queue.id }], ['queue.close', { id: queue.id }], ['queue.destroy', { id: queue.id }],
      ['fd.read', { fd: fd.fd }], ['fd.write', { fd: fd.fd, data: 'x' }], ['fd.lseek', { fd: fd.fd, offset: 0 }],
    ];
    for (const [name, args] of attempts) {
      const r = await k.syscall(intruder, name, args).catch((e: unknown) => e);
      const leaked = JSON.stringify(r) ?? '';
      expect(leaked, name).not.toContain('private');
      expect(leaked, name).not.toContain('owned');
      // fd numbers are per process: the intruder's fd 3 is nothing, or its own.
      if (!name.startsWith('fd.')) expect(refusal(r), name).toMatch(/EACCES|EPERM|EBADF|ENOENT|EINVAL/);
    }
    expect(await k.syscall<{ data: string }>(owner, 'pipe.read', { id: pipe.id, timeout_ms: 1 })).toMatchObject({ data: 'private' });
    expect(await k.syscall<string>(owner, 'shm.read', { id: shm.id, size: 7 })).toMatchObject({ data: 'private' });
    expect(await k.syscall(owner, 'queue.receive', { id: queue.id, timeout_ms: 1 })).toMatchObject({ data: 'private' });
    expect(await k.syscall(owner, 'fd.read', { fd: fd.fd })).toMatchObject({ data: 'owned' });
    expect(k.metrics.snapshot().denials_total).toBeGreaterThan(denied0);
  });
});
