import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernel/kernel.js';
import { kernelError, testKernel } from '../helpers/kernel.js';

/** Read a terminal until its output shows `pattern`; returns everything read. */
async function readUntil(k: Kernel, pid: number, pattern: RegExp, ms = 10_000): Promise<string> {
  let seen = '';
  const end = Date.now() + ms;
  while (!pattern.test(seen)) {
    if (Date.now() > end) throw new Error(`terminal never showed ${pattern}; it showed ${JSON.stringify(seen)}`);
    const r = await k.syscall<any>(k.userPid, 'pty.read', { pid, timeout_ms: 500 });
    seen += r.data;
    if (r.exited && !r.data && !pattern.test(seen)) throw new Error(`terminal exited; it showed ${JSON.stringify(seen)}`);
  }
  return seen;
}

const bash = (k: Kernel) => k.syscall<any>(k.userPid, 'pty.spawn', { command: 'bash', args: ['--norc', '--noprofile'], cols: 100, rows: 30 });

describe('pseudo-terminals', () => {
  it('runs a real shell: what is typed is evaluated, output is read back', async () => {
    const k = testKernel();
    const { pid, os_pid } = await bash(k);
    expect(os_pid).toBeGreaterThan(0);
    expect(k.procs.get(pid)).toMatchObject({ kind: 'pty', ppid: k.userPid });
    expect((await k.syscall<any>(k.userPid, 'pty.write', { pid, data: 'echo agentos-$((6*7))\r' })).bytes).toBe(22);
    const out = await readUntil(k, pid, /agentos-42/);
    expect(out).toContain('agentos-42');
  });

  it('is a terminal: tty, TERM and the size given, resized on request', async () => {
    const k = testKernel();
    const { pid } = await bash(k);
    await k.syscall(k.userPid, 'pty.write', { pid, data: 'tty -s && echo is-a-tty; echo term=$TERM; stty size\r' });
    const out = await readUntil(k, pid, /30 100/);
    expect(out).toContain('is-a-tty');
    expect(out).toContain('term=xterm-256color');
    expect(await k.syscall(k.userPid, 'pty.resize', { pid, cols: 120, rows: 40 })).toEqual({ pid, cols: 120, rows: 40 });
    await k.syscall(k.userPid, 'pty.write', { pid, data: 'stty size\r' });
    await readUntil(k, pid, /40 120/);
  });

  it('reports the exit of the program and then refuses writes', async () => {
    const k = testKernel();
    const { pid } = await bash(k);
    await k.syscall(k.userPid, 'pty.write', { pid, data: 'exit 3\r' });
    const end = Date.now() + 10_000;
    let r: any;
    do r = await k.syscall<any>(k.userPid, 'pty.read', { pid, timeout_ms: 500 });
    while (!r.exited && Date.now() < end);
    expect(r).toMatchObject({ exited: true, exit_code: 3 });
    expect((await kernelError(k.syscall(k.userPid, 'pty.write', { pid, data: 'echo\r' }))).code).toBe('EPIPE');
    expect(await k.syscall(k.userPid, 'pty.close', { pid })).toEqual({ pid, closed: true });
    expect(k.procs.get(pid)).toBeUndefined();
  });

  it('closes: the shell is hung up and leaves the table', async () => {
    const k = testKernel();
    const { pid, os_pid } = await bash(k);
    await k.syscall(k.userPid, 'pty.close', { pid });
    expect(k.procs.get(pid)).toBeUndefined();
    expect((await kernelError(k.syscall(k.userPid, 'pty.read', { pid }))).code).toBe('ESRCH');
    const end = Date.now() + 5000;
    const alive = () => {
      try {
        process.kill(os_pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    while (alive() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(alive()).toBe(false);
  });

  it('needs SPAWN_PROCESS for the program, and only its owner may use it', async () => {
    const k = testKernel();
    const app = k.spawnProcess({ name: 'app', kind: 'app', grants: [{ cap: 'SPAWN_PROCESS', scope: ['ls'] }], ppid: k.initPid }).pid;
    expect((await kernelError(k.syscall(app, 'pty.spawn', { command: 'bash' }))).code).toBe('EACCES');
    const { pid } = await bash(k);
    expect((await kernelError(k.syscall(app, 'pty.write', { pid, data: 'id\r' }))).code).toBe('EPERM');
  });

  it('fails with ENOSYS naming the fix when node-pty is missing, and nothing else breaks', async () => {
    const k = testKernel();
    k.ptys.loader = () => Promise.reject(new Error('Cannot find module node-pty'));
    const e = await kernelError(k.syscall(k.userPid, 'pty.spawn', {}));
    expect(e.code).toBe('ENOSYS');
    expect(e.message).toMatch(/npm rebuild node-pty/);
    expect((await k.syscall<any>(k.userPid, 'proc.spawn', { command: 'echo', args: ['still fine'] })).stdout).toBe('still fine\n');
  });
});
