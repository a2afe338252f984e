import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernel/kernel.js';
import { grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { kernelError, testKernel } from '../helpers/kernel.js';

const app = (k: Kernel) => k.spawnProcess({ name: 'app', kind: 'app', grants: grantsFor('STANDARD'), profile: 'STANDARD', ppid: k.initPid }).pid;

describe('shared memory', () => {
  it('lets the owner write and an allowed process read the same bytes', async () => {
    const k = testKernel();
    const [owner, peer] = [app(k), app(k)];
    const { id, size } = await k.syscall<any>(owner, 'shm.create', { size: 1024, allow: [peer] });
    expect(size).toBe(1024);
    await k.syscall(owner, 'shm.write', { id, offset: 10, data: 'shared' });
    await k.syscall(peer, 'shm.attach', { id, read_only: true });
    expect(await k.syscall<any>(peer, 'shm.read', { id, offset: 10, size: 6 })).toMatchObject({ data: 'shared', bytes: 6 });
    const zeros = await k.syscall<any>(peer, 'shm.read', { id, offset: 0, size: 4, encoding: 'hex' });
    expect(zeros.data).toBe('00000000');
  });

  it('refuses writes through a read-only attachment, and read-write where the owner allows only reading', async () => {
    const k = testKernel();
    const [owner, peer, reader] = [app(k), app(k), app(k)];
    const { id } = await k.syscall<any>(owner, 'shm.create', { size: 64, allow: [peer] });
    await k.syscall(peer, 'shm.attach', { id, read_only: true });
    expect((await kernelError(k.syscall(peer, 'shm.write', { id, data: 'x' }))).code).toBe('EACCES');
    await k.syscall(peer, 'shm.attach', { id, read_only: false });
    await k.syscall(peer, 'shm.write', { id, data: 'x' });
    const { id: ro } = await k.syscall<any>(owner, 'shm.create', { size: 64, allow: [reader], access: 'read' });
    expect((await kernelError(k.syscall(reader, 'shm.attach', { id: ro }))).code).toBe('EACCES');
    await k.syscall(reader, 'shm.attach', { id: ro, read_only: true });
  });

  it('keeps others out: no attach, read, stats or destroy without the owner\'s leave', async () => {
    const k = testKernel();
    const [owner, stranger, peer] = [app(k), app(k), app(k)];
    const { id } = await k.syscall<any>(owner, 'shm.create', { size: 64, allow: [peer] });
    for (const [name, args] of [['shm.attach', { id }], ['shm.read', { id }], ['shm.stats', { id }], ['shm.write', { id, data: 'x' }]] as const) {
      expect((await kernelError(k.syscall(stranger, name, args))).code).toBe('EACCES');
    }
    expect((await kernelError(k.syscall(peer, 'shm.read', { id }))).message).toContain('attach');
    await k.syscall(peer, 'shm.attach', { id });
    expect((await kernelError(k.syscall(peer, 'shm.destroy', { id }))).code).toBe('EACCES');
  });

  it('checks ranges and sizes', async () => {
    const k = testKernel();
    const { id } = await k.syscall<any>(k.userPid, 'shm.create', { size: 8 });
    expect((await kernelError(k.syscall(k.userPid, 'shm.write', { id, offset: 6, data: 'abc' }))).code).toBe('EINVAL');
    expect((await kernelError(k.syscall(k.userPid, 'shm.read', { id, offset: 4, size: 5 }))).code).toBe('EINVAL');
    expect((await kernelError(k.syscall(k.userPid, 'shm.create', { size: 100 * 1024 * 1024 + 1 }))).code).toBe('E2BIG');
  });

  it('keeps the 500 MB global limit', async () => {
    // The same rule at a small scale, so the test does not allocate 500 MB.
    const { SharedMemory } = await import('../../src/kernel/ipc/shm.js');
    const shm = new SharedMemory(100, 250);
    shm.create(1, { size: 100 });
    shm.create(1, { size: 100 });
    expect(() => shm.create(1, { size: 100 })).toThrow(/global limit/);
    const err = await kernelError(Promise.resolve().then(() => shm.create(1, { size: 60 })));
    expect(err.code).toBe('ENOSPC');
  });

  it('gives in-process consumers a zero-copy view of the segment', async () => {
    const k = testKernel();
    const [owner, peer] = [app(k), app(k)];
    const { id } = await k.syscall<any>(owner, 'shm.create', { size: 16, allow: [peer] });
    const view = k.ipc.shm.view(owner, id, { writable: true });
    view.set([104, 105], 0);
    await k.syscall(peer, 'shm.attach', { id, read_only: true });
    expect((await k.syscall<any>(peer, 'shm.read', { id, size: 2 })).data).toBe('hi');
    await k.syscall(owner, 'shm.write', { id, offset: 2, data: '!' });
    expect(view[2]).toBe(33);
    expect(k.ipc.shm.view(peer, id, { offset: 2, length: 1 })[0]).toBe(33);
    expect(() => k.ipc.shm.view(peer, id, { writable: true })).toThrow(/read-only/);
  });

  it('reports stats and frees a segment when its owner exits', async () => {
    const k = testKernel();
    const [owner, peer] = [app(k), app(k)];
    const { id } = await k.syscall<any>(owner, 'shm.create', { size: 4096, allow: [peer] });
    await k.syscall(peer, 'shm.attach', { id, read_only: true });
    const st = await k.syscall<any>(owner, 'shm.stats', { id });
    expect(st).toMatchObject({ owner, size: 4096, attachments: [{ pid: owner, read_only: false }, { pid: peer, read_only: true }] });
    expect(k.ipc.bytesOwnedBy(owner)).toBe(4096);
    expect((await k.syscall<any>(peer, 'shm.stats', {})).bytes).toBe(4096);
    k.procs.exit(owner);
    expect(k.ipc.bytesOwnedBy(owner)).toBe(0);
    expect((await kernelError(k.syscall(peer, 'shm.read', { id }))).code).toBe('ENOENT');
    expect((await k.syscall<any>(peer, 'shm.stats', {})).bytes).toBe(0);
  });

  it('detaches and destroys', async () => {
    const k = testKernel();
    const { id } = await k.syscall<any>(k.userPid, 'shm.create', { size: 4 });
    await k.syscall(k.userPid, 'shm.detach', { id });
    expect((await kernelError(k.syscall(k.userPid, 'shm.read', { id }))).code).toBe('EINVAL');
    await k.syscall(k.userPid, 'shm.destroy', { id });
    expect((await kernelError(k.syscall(k.userPid, 'shm.attach', { id }))).code).toBe('ENOENT');
  });
});
