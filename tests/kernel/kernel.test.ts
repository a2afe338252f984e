import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { capsOf } from '../../src/kernel/introspect.js';
import { decideSpawn } from '../../src/kernel/proc/command.js';
import { defineSyscall, type SyscallDef } from '../../src/kernel/syscall.js';
import { SYSCALLS } from '../../src/kernel/syscalls/index.js';
import { grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { formatError } from '../../src/kernel/errors.js';
import { testKernel, kernelError } from '../helpers/kernel.js';

describe('kernel.syscall, the one door', () => {
  it('answers an unknown syscall with ENOSYS and a suggestion', async () => {
    const k = testKernel();
    const err = await kernelError(k.syscall(k.userPid, 'fs.raed', {}));
    expect(err.code).toBe('ENOSYS');
    expect(err.message).toContain('did you mean "fs.read"');
    expect(formatError(err)).toMatch(/^agentos: fs\.raed: ENOSYS: unknown syscall/);
  });

  it('validates arguments: missing, wrong type, unknown name', async () => {
    const k = testKernel();
    expect((await kernelError(k.syscall(k.userPid, 'fs.read', {}))).message).toBe('missing argument "path"');
    const wrong = await kernelError(k.syscall(k.userPid, 'time.sleep', { ms: 'soon' }));
    expect(wrong.code).toBe('EINVAL');
    expect(wrong.path).toEqual(['ms']);
    const unknown = await kernelError(k.syscall(k.userPid, 'fs.read', { pth: '/home/a' }));
    expect(unknown.message).toContain('did you mean "path"');
    expect((await kernelError(k.syscall(k.userPid, 'fs.read', 'not an object'))).code).toBe('EINVAL');
  });

  it('refuses calls from a process that does not exist', async () => {
    const k = testKernel();
    expect((await kernelError(k.syscall(999, 'time.now'))).code).toBe('ESRCH');
  });

  it('counts calls, errors by code, bytes and denials', async () => {
    const k = testKernel();
    await k.syscall(k.userPid, 'fs.write', { path: '/tmp/m', content: '12345' });
    await k.syscall(k.userPid, 'fs.read', { path: '/tmp/m' });
    await k.syscall(k.userPid, 'fs.read', { path: '/tmp/none' }).catch(() => {});
    const app = k.spawnProcess({ name: 'a', kind: 'app', grants: grantsFor('MINIMAL'), profile: 'MINIMAL', ppid: k.initPid });
    await k.syscall(app.pid, 'sys.info').catch(() => {});
    const snap = k.metrics.snapshot();
    expect(snap.by_syscall['fs.read']).toMatchObject({ calls: 2, errors: { ENOENT: 1 } });
    expect(snap.bytes_written).toBe(5);
    expect(snap.bytes_read).toBe(5);
    expect(snap.denials_total).toBe(1);
    expect(snap.recent_denials[0]).toMatchObject({ pid: app.pid, syscall: 'sys.info' });
    const text = await k.syscall<string>(k.userPid, 'sys.metrics');
    expect(text).toMatch(/agentos_syscall_duration_seconds_bucket\{syscall="fs.read",le="\+Inf"\} 2/);
    expect(text).toMatch(/agentos_syscall_errors_total\{syscall="fs.read",code="ENOENT"\} 1/);
    expect(text).toMatch(/agentos_permission_denied_total 1/);
  });

  it('lets a process inspect and drop its grants but never raise them', async () => {
    const k = testKernel();
    const app = k.spawnProcess({ name: 'a', kind: 'app', grants: grantsFor('STANDARD'), profile: 'STANDARD', ppid: k.initPid });
    expect((await k.syscall<any>(app.pid, 'sandbox.check', { cap: 'WRITE_FILE', target: '/home/x' })).allowed).toBe(true);
    await k.syscall(app.pid, 'sandbox.drop', { cap: 'WRITE_FILE' });
    expect((await k.syscall<any>(app.pid, 'sandbox.check', { cap: 'WRITE_FILE', target: '/home/x' })).allowed).toBe(false);
    expect((await kernelError(k.syscall(app.pid, 'fs.write', { path: '/home/x', content: '' }))).code).toBe('EACCES');
    expect((await kernelError(k.syscall(app.pid, 'sandbox.drop', { cap: 'NOT_A_CAP' }))).code).toBe('EINVAL');
  });

  it('keeps environment and logs per kernel, and refuses loader variables', async () => {
    const k = testKernel();
    await k.syscall(k.userPid, 'sys.env_set', { name: 'GREETING', value: 'hi' });
    expect(await k.syscall(k.userPid, 'sys.env_get', { name: 'GREETING' })).toBe('hi');
    expect((await kernelError(k.syscall(k.userPid, 'sys.env_set', { name: 'LD_PRELOAD', value: '/x.so' }))).code).toBe('EPERM');
    await k.syscall(k.userPid, 'sys.log', { message: 'hello \x1b[31mred\x1b[0m', level: 'warn' });
    const logs = await k.syscall<any[]>(k.userPid, 'sys.logs', { level: 'warn' });
    expect(logs.at(-1).message).toBe('hello red');
  });

  it('sleeps and tells the time', async () => {
    const k = testKernel();
    const before = Date.now();
    const now = await k.syscall<{ ms: number; iso: string }>(k.userPid, 'time.now');
    expect(now.ms).toBeGreaterThanOrEqual(before);
    expect(new Date(now.iso).getTime()).toBe(now.ms);
    expect(await k.syscall(k.userPid, 'time.sleep', { ms: 5 })).toEqual({ slept_ms: 5 });
    expect((await kernelError(k.syscall(k.userPid, 'time.sleep', { ms: -1 }))).code).toBe('EINVAL');
  });

  it('keeps error messages on one line when a path holds newlines or escapes', async () => {
    const k = testKernel();
    const err = await kernelError(k.syscall(k.userPid, 'fs.read', { path: '/home/a\nb\u001b[2J' }));
    expect(err.message).toBe('/home/a\\nb\\u001b[2J does not exist');
  });

  it('declares every capability it checks, including those checked on a resolved program or address', () => {
    const defs = new Map(SYSCALLS.map((d) => [d.name, d as SyscallDef]));
    const caps = (name: string) => capsOf(defs.get(name)!);
    expect(caps('proc.spawn')).toEqual(['SPAWN_PROCESS']);
    expect(caps('pty.spawn')).toEqual(['SPAWN_PROCESS']);
    for (const name of ['socket.connect', 'socket.send_to', 'net.http']) expect(caps(name), name).toEqual(['NETWORK_ACCESS']);
  });

  it('checks a spawn once, in the door, on the program as found: the handler runs that file', async () => {
    const k = testKernel();
    let reads = 0;
    const app = k.spawnProcess({ name: 'a', kind: 'app', grants: [{ cap: 'SPAWN_PROCESS', scope: ['true'] }], profile: 'custom', ppid: k.initPid });
    // Count decisions by the times the grant list is walked.
    app.grants = new Proxy(app.grants, { get: (t, p, r) => (p === Symbol.iterator && reads++, Reflect.get(t, p, r)) });
    decideSpawn(app.grants, '/usr/bin/true');
    const oneCheck = reads;
    reads = 0;
    expect((await k.syscall<{ exit_code: number }>(app.pid, 'proc.spawn', { command: 'true' })).exit_code).toBe(0);
    expect(reads).toBe(oneCheck);
    const denied = await kernelError(k.syscall(app.pid, 'proc.spawn', { command: 'false' }));
    expect(denied.message).toMatch(/\/false/);
  });

  it('builds a syscall\'s argument schema the first time it is needed, once', () => {
    let built = 0;
    const def = defineSyscall({ name: 'test.lazy', doc: 'x', caps: [], run: () => 1, args: () => (built++, z.object({ n: z.number() })) });
    expect(built).toBe(0);
    expect(def.args).toBe(def.args);
    expect(built).toBe(1);
    expect(Object.keys(def.args.shape)).toEqual(['n']);
  });
});
