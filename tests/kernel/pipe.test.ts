import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernel/kernel.js';
import { grantsFor, type ProfileName } from '../../src/kernel/sandbox/profiles.js';
import { kernelError, testKernel } from '../helpers/kernel.js';

const app = (k: Kernel, profile: ProfileName = 'STANDARD') => k.spawnProcess({ name: 'app', kind: 'app', grants: grantsFor(profile), profile, ppid: k.initPid }).pid;

describe('pipes', () => {
  it('carries bytes from writer to reader, in order, across processes', async () => {
    const k = testKernel();
    const [w, r] = [app(k), app(k)];
    const { id } = await k.syscall<any>(w, 'pipe.create', { reader_pid: r, writer_pid: w });
    await k.syscall(w, 'pipe.write', { id, data: 'hello ' });
    await k.syscall(w, 'pipe.write', { id, data: 'aGk=', encoding: 'base64' });
    const got = await k.syscall<any>(r, 'pipe.read', { id });
    expect(got).toMatchObject({ data: 'hello hi', bytes: 8, eof: false });
    const part = await k.syscall(w, 'pipe.write', { id, data: 'abcdef' }).then(() => k.syscall<any>(r, 'pipe.read', { id, max_bytes: 4 }));
    expect(part.data).toBe('abcd');
    expect((await k.syscall<any>(r, 'pipe.read', { id })).data).toBe('ef');
  });

  it('signals EOF once the writer closed and the buffer drained', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const { id } = await k.syscall<any>(pid, 'pipe.create', {});
    await k.syscall(pid, 'pipe.write', { id, data: 'last words' });
    await k.syscall(pid, 'pipe.close', { id, end: 'write' });
    expect(await k.syscall<any>(pid, 'pipe.read', { id })).toMatchObject({ data: 'last words', eof: false });
    expect(await k.syscall<any>(pid, 'pipe.read', { id })).toMatchObject({ data: '', bytes: 0, eof: true });
  });

  it('wakes a blocked reader when data or EOF arrives', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const { id } = await k.syscall<any>(pid, 'pipe.create', {});
    const reading = k.syscall<any>(pid, 'pipe.read', { id, timeout_ms: 5000 });
    await k.syscall(pid, 'pipe.write', { id, data: 'wake up' });
    expect((await reading).data).toBe('wake up');
    const eof = k.syscall<any>(pid, 'pipe.read', { id, timeout_ms: 5000 });
    await k.syscall(pid, 'pipe.close', { id, end: 'write' });
    expect((await eof).eof).toBe(true);
  });

  it('applies back-pressure: a full pipe blocks a writer until the reader drains it', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const { id } = await k.syscall<any>(pid, 'pipe.create', { capacity: 8 });
    await k.syscall(pid, 'pipe.write', { id, data: '12345678' });
    expect((await kernelError(k.syscall(pid, 'pipe.write', { id, data: 'x', nonblocking: true }))).code).toBe('EAGAIN');
    expect((await kernelError(k.syscall(pid, 'pipe.write', { id, data: 'x', timeout_ms: 20 }))).code).toBe('ETIMEDOUT');
    let done = false;
    const writing = k.syscall<any>(pid, 'pipe.write', { id, data: 'abcdefghij', timeout_ms: 5000 }).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    expect((await k.syscall<any>(pid, 'pipe.read', { id })).data).toBe('12345678');
    expect((await k.syscall<any>(pid, 'pipe.read', { id })).data).toBe('abcdefgh');
    expect((await k.syscall<any>(pid, 'pipe.read', { id })).data).toBe('ij');
    expect(await writing).toMatchObject({ written: 10 });
    expect(await k.syscall<any>(pid, 'pipe.stats', { id })).toMatchObject({ bytes_written: 18, bytes_read: 18, buffered: 0 });
  });

  it('writes what fits when non-blocking, and says how much', async () => {
    const k = testKernel();
    const { id } = await k.syscall<any>(k.userPid, 'pipe.create', { capacity: 4 });
    expect(await k.syscall<any>(k.userPid, 'pipe.write', { id, data: 'abcdef', nonblocking: true })).toMatchObject({ written: 4 });
  });

  it('moves binary data intact, and does not cut UTF-8 characters in two', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const { id } = await k.syscall<any>(pid, 'pipe.create', {});
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await k.syscall(pid, 'pipe.write', { id, data: bytes.toString('base64'), encoding: 'base64' });
    expect(Buffer.from((await k.syscall<any>(pid, 'pipe.read', { id, encoding: 'base64' })).data, 'base64').equals(bytes)).toBe(true);
    await k.syscall(pid, 'pipe.write', { id, data: 'a€b' });
    const first = await k.syscall<any>(pid, 'pipe.read', { id, max_bytes: 2 });
    expect(first.data).toBe('a');
    expect((await k.syscall<any>(pid, 'pipe.read', { id })).data).toBe('€b');
  });

  it('gives EPIPE to a writer without a reader, and releases a blocked writer when the reader leaves', async () => {
    const k = testKernel();
    const [w, r] = [app(k), app(k)];
    const { id } = await k.syscall<any>(w, 'pipe.create', { reader_pid: r, capacity: 2 });
    await k.syscall(w, 'pipe.write', { id, data: 'ab' });
    const blocked = kernelError(k.syscall(w, 'pipe.write', { id, data: 'cd', timeout_ms: 5000 }));
    await k.syscall(r, 'pipe.close', { id, end: 'read' });
    expect((await blocked).code).toBe('EPIPE');
    expect((await kernelError(k.syscall(w, 'pipe.write', { id, data: 'x' }))).code).toBe('EPIPE');
  });

  it('refuses other processes (EACCES), and the wrong end', async () => {
    const k = testKernel();
    const [w, r, stranger] = [app(k), app(k), app(k)];
    const { id } = await k.syscall<any>(k.userPid, 'pipe.create', { reader_pid: r, writer_pid: w });
    await k.syscall(w, 'pipe.write', { id, data: 'secret' });
    for (const call of ['pipe.read', 'pipe.stats'] as const) expect((await kernelError(k.syscall(stranger, call, { id }))).code).toBe('EACCES');
    expect((await kernelError(k.syscall(stranger, 'pipe.write', { id, data: 'x' }))).code).toBe('EACCES');
    expect((await kernelError(k.syscall(r, 'pipe.write', { id, data: 'x' }))).code).toBe('EACCES');
    expect((await kernelError(k.syscall(w, 'pipe.read', { id }))).code).toBe('EACCES');
    expect((await kernelError(k.syscall(w, 'pipe.destroy', { id }))).code).toBe('EACCES');
    expect((await k.syscall<any>(k.userPid, 'pipe.read', { id })).data).toBe('secret');
    expect((await kernelError(k.syscall(k.userPid, 'pipe.read', { id: 999 }))).code).toBe('ENOENT');
  });

  it('needs SEND_MESSAGE to write and RECEIVE_MESSAGE to read', async () => {
    const k = testKernel();
    const min = app(k, 'MINIMAL');
    expect((await kernelError(k.syscall(min, 'pipe.create', {}))).code).toBe('EACCES');
    const { id } = await k.syscall<any>(k.userPid, 'pipe.create', { reader_pid: min, writer_pid: min });
    expect((await kernelError(k.syscall(min, 'pipe.write', { id, data: 'x' }))).message).toContain('SEND_MESSAGE');
    expect((await kernelError(k.syscall(min, 'pipe.read', { id, timeout_ms: 0 }))).message).toContain('RECEIVE_MESSAGE');
  });

  it('reads empty pipes without waiting when asked (EAGAIN)', async () => {
    const k = testKernel();
    const { id } = await k.syscall<any>(k.userPid, 'pipe.create', {});
    expect((await kernelError(k.syscall(k.userPid, 'pipe.read', { id, timeout_ms: 0 }))).code).toBe('EAGAIN');
  });

  it('keeps the 50 MB global limit', async () => {
    const k = testKernel();
    const big = 20 * 1024 * 1024;
    await k.syscall(k.userPid, 'pipe.create', { capacity: big });
    const { id } = await k.syscall<any>(k.userPid, 'pipe.create', { capacity: big });
    const err = await kernelError(k.syscall(k.userPid, 'pipe.create', { capacity: big }));
    expect(err.code).toBe('ENOSPC');
    expect(err.message).toContain('50 MB');
    await k.syscall(k.userPid, 'pipe.destroy', { id });
    await k.syscall(k.userPid, 'pipe.create', { capacity: big });
  });

  it('cleans up when processes exit: the owner\'s pipes go, a writer\'s exit means EOF', async () => {
    const k = testKernel();
    const [owner, w] = [app(k), app(k)];
    const { id: mine } = await k.syscall<any>(owner, 'pipe.create', {});
    await k.syscall(owner, 'pipe.write', { id: mine, data: 'x'.repeat(100) });
    expect(k.ipc.bytesOwnedBy(owner)).toBe(100);
    const { id: shared } = await k.syscall<any>(k.userPid, 'pipe.create', { writer_pid: w });
    await k.syscall(w, 'pipe.write', { id: shared, data: 'bye' });
    k.procs.exit(owner);
    k.procs.exit(w);
    expect(k.ipc.bytesOwnedBy(owner)).toBe(0);
    expect((await kernelError(k.syscall(k.userPid, 'pipe.stats', { id: mine }))).code).toBe('ENOENT');
    expect((await k.syscall<any>(k.userPid, 'pipe.read', { id: shared })).data).toBe('bye');
    expect((await k.syscall<any>(k.userPid, 'pipe.read', { id: shared })).eof).toBe(true);
  });

  it('releases blocked callers with EBADF when the pipe is destroyed', async () => {
    const k = testKernel();
    const { id } = await k.syscall<any>(k.userPid, 'pipe.create', {});
    const reading = kernelError(k.syscall(k.userPid, 'pipe.read', { id, timeout_ms: 5000 }));
    await k.syscall(k.userPid, 'pipe.destroy', { id });
    expect((await reading).code).toBe('EBADF');
    expect((await k.syscall<any>(k.userPid, 'pipe.stats', {})).pipes).toBe(0);
  });

  it('carries bytes as they are for in-process callers: a Uint8Array in, a Buffer out', async () => {
    const k = testKernel();
    const [w, r] = [app(k), app(k)];
    const { id } = await k.syscall<any>(w, 'pipe.create', { reader_pid: r, writer_pid: w });
    const bytes = Uint8Array.from([0, 255, 0xc3, 0x28, 10]); // 0xc3 0x28 is not UTF-8
    expect(await k.syscall<any>(w, 'pipe.write', { id, data: bytes })).toMatchObject({ written: 5 });
    bytes.fill(7); // the pipe took a copy: the writer may reuse its buffer at once
    await k.syscall(w, 'pipe.write', { id, data: 'hi' });
    const got = await k.syscall<any>(r, 'pipe.read', { id, encoding: 'buffer' });
    expect(Buffer.isBuffer(got.data)).toBe(true);
    expect([...got.data]).toEqual([0, 255, 0xc3, 0x28, 10, 0x68, 0x69]);
    expect(got.bytes).toBe(7);
    const text = await kernelError(k.syscall(w, 'pipe.write', { id, data: 'text', encoding: 'buffer' }));
    expect(text.code).toBe('EINVAL');
    expect(text.message).toContain('Uint8Array');
    const wrong = await kernelError(k.syscall(w, 'pipe.write', { id, data: 42 }));
    expect(wrong.message).toBe('data: expected text (a string) or bytes (a Uint8Array)');
  });
});
