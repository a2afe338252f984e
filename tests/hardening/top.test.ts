import { execFile } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAttachServer } from '../../src/kernel/attach/server.js';
import { grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { collect, targetOf } from '../../src/cli/commands/top.js';
import type { AttachClient } from '../../src/kernel/attach/client.js';
import { BIN } from '../helpers/cli.js';
import { kernelError, onCleanup, tempDir, testKernel } from '../helpers/kernel.js';

/** The built binary, run without blocking this process (it serves the kernel top attaches to). */
function agentosAsync(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A kernel serving its control socket in a temp runtime dir, and an app process the sandbox refuses. */
async function liveKernel() {
  const kernel = testKernel();
  const dir = tempDir();
  const server = await startAttachServer(kernel, { dir });
  onCleanup(() => server.close());
  const app = kernel.spawnProcess({ name: 'nosy-app', kind: 'app', grants: grantsFor('MINIMAL'), profile: 'MINIMAL', ppid: kernel.userPid });
  return { kernel, app, env: { AGENTOS_RUNTIME_DIR: dir, AGENTOS_HOME: tempDir() } };
}

describe('agentos top shows the sandbox\'s refusals', () => {
  it('--once --json: a denied syscall appears with its pid, process, syscall and target', async () => {
    const { kernel, app, env } = await liveKernel();
    expect((await kernelError(kernel.syscall(app.pid, 'fs.read', { path: '/home/secret.txt' }))).code).toBe('EACCES');
    expect((await kernelError(kernel.syscall(kernel.userPid, 'fs.write', { path: '/proc/uptime', content: 'x' }))).code).toBe('EACCES');

    const r = await agentosAsync(['top', '--once', '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const view = JSON.parse(r.stdout);
    expect(view.denials_total).toBe(2);
    expect(view.recent_denials).toEqual([
      expect.objectContaining({ pid: app.pid, process: 'nosy-app', syscall: 'fs.read', target: '/home/secret.txt', message: expect.stringMatching(/^permission denied: /) }),
      expect.objectContaining({ pid: kernel.userPid, process: 'user', syscall: 'fs.write', target: '/proc/uptime' }),
    ]);
    // The rest of the dashboard is there too: the failed calls, the processes, memory.
    expect(view.syscalls.find((s: { name: string }) => s.name === 'fs.read')).toMatchObject({ calls: 1, errors: 1 });
    expect(view.processes.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['init', 'user', 'nosy-app']));
    expect(view.memory.limit_bytes).toBeGreaterThan(0);
  });

  it('--once: the same as text, one line per denial; without a terminal and without --once it says what to do', async () => {
    const { kernel, app, env } = await liveKernel();
    await kernelError(kernel.syscall(app.pid, 'fs.list', { path: '/home' }));
    const r = await agentosAsync(['top', '--once'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d pid ${app.pid} \\(nosy-app\\) fs\\.list /home: permission denied: .*$`, 'm'));
    const dash = await agentosAsync(['top'], env);
    expect(dash.code).toBe(2);
    expect(dash.stderr).toMatch(/needs a terminal .*--once/);
  });

  it('with no live kernel, top says so and exits 3', async () => {
    const r = await agentosAsync(['top', '--once', '--json'], { AGENTOS_RUNTIME_DIR: tempDir(), AGENTOS_HOME: tempDir() });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no live kernel to watch/);
  });

  it('the kernel records the canonical target of each kind of refusal where the check was made', async () => {
    const { kernel, app } = await liveKernel();
    const refused = async (pid: number, syscall: string, args: Record<string, unknown>) => (await kernelError(kernel.syscall(pid, syscall, args))).code;
    const pipe = await kernel.syscall<{ id: number }>(kernel.userPid, 'pipe.create', {});
    const sock = await kernel.syscall<{ id: number }>(app.pid, 'socket.create', {});
    symlinkSync('/etc', path.join(kernel.options.home, 'out'));
    const seen: (string | undefined)[] = [];
    kernel.events.on('permission_denied', (e) => seen.push(e.target));

    expect(await refused(app.pid, 'fs.read', { path: '/home/docs/../secret.txt' })).toBe('EACCES');
    expect(await refused(app.pid, 'socket.connect', { id: sock.id, host: 'EXAMPLE.com', port: 443 })).toBe('EACCES');
    expect(await refused(app.pid, 'proc.spawn', { command: 'ls' })).toBe('EACCES');
    expect(await refused(app.pid, 'proc.kill', { pid: kernel.userPid })).toBe('EPERM');
    expect(await refused(app.pid, 'pipe.stats', { id: pipe.id })).toBe('EACCES');
    expect(await refused(kernel.userPid, 'fs.read', { path: '/home/out/hostname' })).toBe('EACCES');
    expect(await refused(app.pid, 'sys.metrics', {})).toBe('EACCES');

    const recorded = kernel.metrics.snapshot().recent_denials;
    expect(recorded.map((d) => [d.syscall, d.target])).toEqual([
      ['fs.read', '/home/secret.txt'],
      ['socket.connect', 'example.com:443'],
      ['proc.spawn', expect.stringMatching(/^\/.*\/ls$/)],
      ['proc.kill', String(kernel.userPid)],
      ['pipe.stats', `pipe ${pipe.id}`],
      ['fs.read', '/home/out/hostname'],
      ['sys.metrics', null],
    ]);
    expect(seen).toEqual(recorded.map((d) => d.target ?? undefined));

    // top shows the field as recorded, even where the message would read otherwise.
    const fake = (denials: unknown[]) => ({ syscall: async (name: string) => (name === 'sys.metrics' ? { syscalls_total: 1, denials_total: denials.length, by_syscall: {}, recent_denials: denials } : undefined) }) as unknown as AttachClient;
    const at = Date.now();
    const view = await collect(fake([{ at, pid: 9, syscall: 'fs.read', target: '/home/x', message: 'permission denied: something else for /elsewhere (needs READ_FILE)' }, { at, pid: 9, syscall: 'queue.send', target: null, message: 'a /path in a message' }]));
    expect(view!.recent_denials.map((d) => d.target)).toEqual(['/home/x', null]);
    // A kernel from before the field: the message is read instead.
    const old = await collect(fake([{ at, pid: 9, syscall: 'fs.read', message: 'permission denied: no grant to read files for /home/a (needs READ_FILE)' }]));
    expect(old!.recent_denials[0]!.target).toBe('/home/a');
  });

  it('reads the target out of each kind of refusal message (kernels without the field)', () => {
    expect(targetOf('permission denied: no grant to read files for /home/a b.txt (needs READ_FILE)')).toBe('/home/a b.txt');
    expect(targetOf('permission denied: write files is denied for /proc/x (needs WRITE_FILE)')).toBe('/proc/x');
    expect(targetOf('permission denied: send messages is denied for this process (needs SEND_MESSAGE)')).toBeNull();
    expect(targetOf('permission denied: no grant to reach hosts for example.com:443 (needs NETWORK_ACCESS)')).toBe('example.com:443');
    expect(targetOf('permission denied: /home/link leads out of /home (a symbolic link points outside the mount)')).toBe('/home/link');
    expect(targetOf('process 7 may not read pipe 3')).toBeNull();
  });
});
