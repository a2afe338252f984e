import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { attachPlace, connect, probeLive, type AttachClient } from '../../src/kernel/attach/client.js';
import { Reply, Request, defineMethod, methods } from '../../src/kernel/attach/protocol.js';
import { callMethod, startAttachServer, type AttachServer } from '../../src/kernel/attach/server.js';
import { formatError } from '../../src/kernel/errors.js';
import { kernelError, onCleanup, tempDir, testKernel } from '../helpers/kernel.js';

async function serve(dir = tempDir(), maxMessageBytes?: number) {
  const kernel = testKernel();
  const server = await startAttachServer(kernel, { dir, maxMessageBytes });
  onCleanup(() => server.close());
  return { kernel, server, dir };
}

async function client(server: AttachServer): Promise<AttachClient> {
  const c = await connect(server.socket);
  if (!c) throw new Error('no live kernel to connect to');
  onCleanup(() => c.close());
  return c;
}

/** A raw connection: write bytes, read reply lines, as a misbehaving client would. */
async function raw(socket: string) {
  const sock = net.connect(socket);
  await new Promise((r) => sock.once('connect', r));
  onCleanup(() => void sock.destroy());
  let buf = '';
  const waiting: (() => void)[] = [];
  sock.on('data', (d) => {
    buf += d;
    waiting.splice(0).forEach((w) => w());
  });
  return {
    sock,
    write: (s: string | Buffer) => sock.write(s),
    async next(): Promise<any> {
      while (!buf.includes('\n')) await new Promise<void>((r) => waiting.push(r));
      const i = buf.indexOf('\n');
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      return JSON.parse(line);
    },
  };
}

/** A unix socket file left by a process killed before it could clean up. */
function crashedSocket(socket: string) {
  const r = spawnSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socket)}, () => process.kill(process.pid, 'SIGKILL'))`]);
  expect(r.signal).toBe('SIGKILL');
  expect(statSync(socket).isSocket()).toBe(true);
}

describe('attach: the live kernel\'s control socket', () => {
  it('listens on a 0600 socket in a 0700 runtime dir and publishes an info file', async () => {
    const dir = path.join(tempDir(), 'run');
    const { server } = await serve(dir);
    expect(server.socket).toBe(attachPlace(dir).socket);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(server.socket).isSocket()).toBe(true);
    expect(statSync(server.socket).mode & 0o777).toBe(0o600);
    const info = JSON.parse(readFileSync(server.infoFile, 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, socket: server.socket });
    expect(Date.parse(info.started)).not.toBeNaN();
    expect(statSync(server.infoFile).mode & 0o777).toBe(0o600);
  });

  it('runs syscalls in the live kernel as its user process, so state persists across connections', async () => {
    const { server, kernel } = await serve();
    const a = await client(server);
    await a.syscall('fs.write', { path: '/tmp/x', content: 'hi' });
    a.close();
    const b = await client(server);
    expect(await b.syscall('fs.read', { path: '/tmp/x' })).toBe('hi');
    expect(await kernel.syscall(kernel.userPid, 'fs.read', { path: '/tmp/x' })).toBe('hi');
  });

  it('sends errors as data that read exactly like local ones', async () => {
    const { server, kernel } = await serve();
    const c = await client(server);
    const remote = await kernelError(c.syscall('fs.read', { path: '/tmp/missing' }));
    const local = await kernelError(kernel.syscall(kernel.userPid, 'fs.read', { path: '/tmp/missing' }));
    expect(remote.code).toBe('ENOENT');
    expect(formatError(remote)).toBe(formatError(local));
    const bad = await kernelError(c.syscall('fs.read', { path: '/tmp/x', nope: 1 }));
    expect(bad).toMatchObject({ code: 'EINVAL', syscall: 'fs.read', path: ['nope'] });
    expect((await kernelError(c.syscall('fs.nothing'))).code).toBe('ENOSYS');
  });

  it('answers bad, unknown and malformed messages with errors and keeps serving', async () => {
    const { server } = await serve();
    const r = await raw(server.socket);
    r.write('this is not json\n');
    expect(await r.next()).toMatchObject({ id: null, ok: false, error: { code: 'EINVAL' } });
    r.write('{"id": 7, "method": 42}\n');
    expect(await r.next()).toMatchObject({ id: 7, ok: false, error: { code: 'EINVAL' } });
    r.write('{"id": 8, "method": "sycall"}\n');
    const unknown = await r.next();
    expect(unknown).toMatchObject({ id: 8, ok: false, error: { code: 'ENOSYS' } });
    expect(unknown.error.message).toContain('syscall');
    r.write('{"id": 9, "method": "syscall", "params": {"args": {}}}\n');
    expect(await r.next()).toMatchObject({ id: 9, ok: false, error: { code: 'EINVAL' } });
    r.write('[1,2]\n\n{"id": "s", "method": "syscall", "params": {"name": "time.now"}}\n');
    expect((await r.next()).ok).toBe(false);
    const ok = await r.next();
    expect(ok).toMatchObject({ id: 's', ok: true });
    expect(ok.result.ms).toBeTypeOf('number');
  });

  it('skips an oversized message with E2BIG and reads the next one on the same connection', async () => {
    const { server } = await serve(undefined, 1024);
    const r = await raw(server.socket);
    r.write(`{"id":1,"method":"info","params":"${'x'.repeat(700)}`);
    r.write(`${'y'.repeat(700)}"}\n{"id":2,"method":"info"}\n`);
    expect(await r.next()).toMatchObject({ id: null, ok: false, error: { code: 'E2BIG' } });
    expect(await r.next()).toMatchObject({ id: 2, ok: true, result: { pid: process.pid } });
  });

  it('keeps UTF-8 intact when a character is split across reads', async () => {
    const { server } = await serve();
    const r = await raw(server.socket);
    const line = Buffer.from('{"id":1,"method":"syscall","params":{"name":"fs.write","args":{"path":"/tmp/u","content":"héllo ✓"}}}\n');
    const cut = line.indexOf(Buffer.from('✓')) + 1;
    r.write(line.subarray(0, cut));
    await new Promise((res) => setTimeout(res, 20));
    r.write(line.subarray(cut));
    expect(await r.next()).toMatchObject({ id: 1, ok: true });
    const c = await client(server);
    expect(await c.syscall('fs.read', { path: '/tmp/u' })).toBe('héllo ✓');
  });

  it('does not let one client (a half-sent line, a call that never ends) block others', async () => {
    const { server } = await serve();
    let release!: () => void;
    server.registerMethod(defineMethod({ name: 'test.hang', doc: 'waits until released', params: z.unknown(), run: () => new Promise<string>((r) => (release = () => r('done'))) }));
    const stuck = await raw(server.socket);
    stuck.write('{"id":1,"method":"syscall","params":'); // and never the rest
    const c = await client(server);
    const hanging = c.call('test.hang');
    expect(await c.syscall('fs.write', { path: '/tmp/b', content: 'ok' })).toBeDefined();
    const other = await client(server);
    expect(await other.syscall('fs.read', { path: '/tmp/b' })).toBe('ok');
    release();
    expect(await hanging).toBe('done');
  });

  it('lists its methods, including ones registered later', async () => {
    const { server } = await serve();
    server.registerMethod(defineMethod({ name: 'test.echo', doc: 'echo', params: z.object({ text: z.string() }), run: (_ctx, p) => p.text }));
    const c = await client(server);
    const names = (await c.call<{ name: string }[]>('methods')).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['syscall', 'info', 'methods', 'test.echo']));
    expect(await c.call('test.echo', { text: 'hey' })).toBe('hey');
    expect((await kernelError(c.call('test.echo', { text: 3 }))).code).toBe('EINVAL');
    expect(() => server.registerMethod(defineMethod({ name: 'syscall', doc: 'x', params: z.unknown(), run: () => 1 }))).toThrow(/already registered/);
  });

  it('refuses a second server while the first is live', async () => {
    const { dir, server } = await serve();
    const err = await kernelError(startAttachServer(testKernel(), { dir }));
    expect(err.code).toBe('EADDRINUSE');
    expect(err.message).toContain(`pid ${process.pid}`);
    expect(await (await client(server)).call('info')).toMatchObject({ pid: process.pid });
  });

  it('replaces a stale socket from a crashed run (nobody listening, or its pid dead)', async () => {
    const dir = tempDir();
    const place = attachPlace(dir);
    crashedSocket(place.socket);
    expect((await probeLive(dir)).state).toBe('stale');
    const first = await serve(dir);
    expect((await probeLive(dir)).state).toBe('running');
    await first.server.close();

    // The info file of a dead process, next to a socket file.
    crashedSocket(place.socket);
    writeFileSync(place.infoFile, JSON.stringify({ pid: 2 ** 22 + 1, socket: place.socket, started: new Date().toISOString() }));
    expect(await probeLive(dir)).toMatchObject({ state: 'stale', info: { pid: 2 ** 22 + 1 } });
    const { server } = await serve(dir);
    expect(readInfo(server.infoFile).pid).toBe(process.pid);
  });

  it('removes its socket and info file on close, and clients see it gone', async () => {
    const { server, dir } = await serve();
    const c = await client(server);
    await server.close();
    expect(existsSync(server.socket)).toBe(false);
    expect(existsSync(server.infoFile)).toBe(false);
    expect((await kernelError(c.syscall('time.now'))).code).toBe('EIO');
    expect(await connect(server.socket)).toBeUndefined();
    expect((await probeLive(dir)).state).toBe('none');
  });

  it('refuses a socket path too long for the OS, naming the fix', async () => {
    const dir = path.join(tempDir(), 'x'.repeat(120));
    mkdirSync(dir, { recursive: true });
    const err = await kernelError(startAttachServer(testKernel(), { dir }));
    expect(err.code).toBe('ENAMETOOLONG');
    expect(err.message).toContain('AGENTOS_RUNTIME_DIR');
  });

  it('runs the same method table without a socket (a command with a private kernel)', async () => {
    const kernel = testKernel();
    const ctx = { kernel, pid: kernel.userPid };
    await callMethod(methods, ctx, 'syscall', { name: 'fs.write', args: { path: '/tmp/p', content: 'x' } });
    expect(await kernel.syscall(kernel.userPid, 'fs.read', { path: '/tmp/p' })).toBe('x');
    expect((await kernelError(callMethod(methods, ctx, 'nope', {}))).code).toBe('ENOSYS');
    expect(await kernelError(callMethod(methods, ctx, 'syscall', { name: 5 }))).toMatchObject({ code: 'EINVAL', path: ['name'] });
  });

  it('round-trips every message shape through its schema', () => {
    const msgs = [
      { id: 1, method: 'syscall', params: { name: 'fs.read', args: { path: '/tmp/x' } } },
      { id: 'a', method: 'info' },
    ];
    for (const m of msgs) expect(Request.parse(JSON.parse(JSON.stringify(m)))).toEqual(m);
    const replies = [
      { id: 1, ok: true, result: 'hi' },
      { id: 2, ok: false, error: { code: 'ENOENT', syscall: 'fs.read', message: '/tmp/y does not exist' } },
      { id: null, ok: false, error: { code: 'EINVAL', message: 'not valid JSON' } },
    ];
    for (const r of replies) expect(Reply.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });
});

const readInfo = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
