import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, agentos } from '../helpers/cli.js';
import { onCleanup, tempDir } from '../helpers/kernel.js';

const RUN = '.run'; // places().runtime under AGENTOS_HOME

interface Served {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `agentos serve --no-web` as a child, the way CI runs it: no TTY, CI=true. */
async function serve(env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--no-web'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', CI: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const served = { child, stderr: () => err, exited };
  const socket = path.join(env.AGENTOS_HOME!, RUN, 'kernel.sock');
  // The socket file alone may be a stale one: wait for the line that says this child listens.
  for (let i = 0; i < 300 && !err.includes('listening on'); i++) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(err).toContain(`listening on ${socket}`);
  return served;
}

describe('agentos serve / status / syscall against the live kernel', () => {
  it('serves the kernel, one-shot commands share its state, SIGTERM stops it cleanly', async () => {
    const env = { AGENTOS_HOME: tempDir() };
    const socket = path.join(env.AGENTOS_HOME, RUN, 'kernel.sock');
    expect(agentos(['status'], env)).toMatchObject({ code: 3 });

    const s = await serve(env);
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);

    const st = agentos(['status'], env);
    expect(st.code).toBe(0);
    expect(st.stdout).toContain(socket);
    expect(st.stdout).toContain(String(s.child.pid));
    const json = JSON.parse(agentos(['status', '--json'], env).stdout);
    expect(json).toMatchObject({ running: true, pid: s.child.pid, socket });
    expect(json.uptime_s).toBeTypeOf('number');

    // /tmp is in the kernel's memory: reading it back in another command proves both hit the live kernel.
    expect(agentos(['syscall', 'fs.write', '/tmp/x', 'hi'], env).code).toBe(0);
    expect(agentos(['syscall', 'fs.read', '/tmp/x'], env)).toMatchObject({ code: 0, stdout: 'hi\n' });
    // --local forces a private kernel, whose /tmp is empty.
    const local = agentos(['syscall', 'fs.read', '/tmp/x', '--local'], env);
    expect(local).toMatchObject({ code: 1, stderr: 'agentos: fs.read: ENOENT: /tmp/x does not exist\n' });
    // Errors from the live kernel print exactly like local ones.
    const remote = agentos(['syscall', 'fs.read', '/tmp/missing'], env);
    expect(remote).toMatchObject({ code: 1, stderr: 'agentos: fs.read: ENOENT: /tmp/missing does not exist\n' });
    const info = JSON.parse(agentos(['syscall', 'sys.info', '--json'], env).stdout);
    expect(info.host_pid).toBe(s.child.pid);

    // A second serve refuses while this one is live.
    const second = agentos(['serve', '--no-web'], env, { timeout: 15_000 });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^agentos: a live kernel already runs \(pid \d+, socket .*\).*\n$/);

    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(socket)).toBe(false);
    expect(existsSync(path.join(env.AGENTOS_HOME, RUN, 'kernel.json'))).toBe(false);
    const after = agentos(['status'], env);
    expect(after.code).toBe(3);
    expect(after.stdout).toContain('not running');
  });

  it('keeps a pipe open across commands, and ps shows the live kernel\'s processes', async () => {
    const env = { AGENTOS_HOME: tempDir() };
    const s = await serve(env);
    const created = agentos(['syscall', 'pipe.create', '--json'], env);
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout);
    expect(agentos(['syscall', 'pipe.write', String(id), 'hello'], env).code).toBe(0);
    const read = JSON.parse(agentos(['syscall', 'pipe.read', String(id), '--json'], env).stdout);
    expect(read).toMatchObject({ id, data: 'hello', bytes: 5, eof: false });
    // A private kernel has no such pipe.
    expect(agentos(['syscall', 'pipe.read', String(id), 'timeout_ms=0', '--local'], env).code).toBe(1);

    const ps = agentos(['ps', '--json'], env);
    expect(ps.code).toBe(0);
    expect(JSON.parse(ps.stdout).map((p: { kind: string }) => p.kind)).toEqual(expect.arrayContaining(['kernel', 'user']));
    s.child.kill('SIGTERM');
    expect((await s.exited).code).toBe(0);
  });

  it('stops on SIGINT too', async () => {
    const env = { AGENTOS_HOME: tempDir() };
    const s = await serve(env);
    s.child.kill('SIGINT');
    expect((await s.exited).code).toBe(0);
    expect(existsSync(path.join(env.AGENTOS_HOME, RUN, 'kernel.sock'))).toBe(false);
  });

  it('detects the stale socket of a crashed serve, and the next serve replaces it', async () => {
    const env = { AGENTOS_HOME: tempDir() };
    const socket = path.join(env.AGENTOS_HOME, RUN, 'kernel.sock');
    const crashed = await serve(env);
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    expect(statSync(socket).isSocket()).toBe(true);

    const st = agentos(['status'], env);
    expect(st.code).toBe(3);
    expect(st.stdout).toContain('stale');
    // With only a stale socket, one-shot commands use a private kernel.
    expect(agentos(['syscall', 'fs.read', '/tmp/x'], env).code).toBe(1);

    const next = await serve(env);
    const info = JSON.parse(readFileSync(path.join(env.AGENTOS_HOME, RUN, 'kernel.json'), 'utf8'));
    expect(info.pid).toBe(next.child.pid);
    expect(agentos(['status'], env).code).toBe(0);
    next.child.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);
  });
});
