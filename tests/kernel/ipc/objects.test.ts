import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../../src/kernel/kernel.js';
import { IPC_OBJECTS_GLOBAL, IPC_OBJECTS_PER_PROCESS } from '../../../src/kernel/ipc/objects.js';
import { MESSAGE_OVERHEAD, QUEUE_GLOBAL_LIMIT, Queues } from '../../../src/kernel/ipc/queue.js';
import { grantsFor } from '../../../src/kernel/sandbox/profiles.js';
import { kernelError, testKernel } from '../../helpers/kernel.js';

const app = (k: Kernel) => k.spawnProcess({ name: 'app', kind: 'app', grants: grantsFor('STANDARD'), profile: 'STANDARD', ppid: k.initPid }).pid;

/** One object of each kind a process can make through the door. */
const makers: [string, (k: Kernel, pid: number) => Promise<unknown>][] = [
  ['pipe', (k, pid) => k.syscall(pid, 'pipe.create', { capacity: 1 })],
  ['queue', (k, pid) => k.syscall(pid, 'queue.create', {})],
  ['segment', (k, pid) => k.syscall(pid, 'shm.create', { size: 1 })],
  ['socket', (k, pid) => k.syscall(pid, 'socket.create', { type: 'tcp' })],
];

describe('IPC object limits', () => {
  it('has the documented defaults', () => {
    const k = testKernel();
    expect(IPC_OBJECTS_PER_PROCESS).toBe(1024);
    expect(IPC_OBJECTS_GLOBAL).toBe(16_384);
    expect(k.ipc.objects.perProcess).toBe(IPC_OBJECTS_PER_PROCESS);
    expect(k.ipc.objects.global).toBe(IPC_OBJECTS_GLOBAL);
  });

  it('refuses a process its 1025th object at the default limit, of any kind, with EMFILE', async () => {
    const k = testKernel();
    const pid = app(k);
    for (let i = 0; i < IPC_OBJECTS_PER_PROCESS; i++) await makers[i % 4]![1](k, pid);
    expect(k.ipc.objects.ownedBy(pid)).toBe(IPC_OBJECTS_PER_PROCESS);
    for (const [kind, make] of makers) {
      const err = await kernelError(make(k, pid));
      expect(err.code, kind).toBe('EMFILE');
      expect(err.message).toBe(
        `too many open IPC objects: process ${pid} owns 1024 (256 pipes, 256 queues, 256 shm segments, 256 sockets), the most one process may; free some with pipe.destroy, queue.destroy, shm.destroy, socket.close and try again`,
      );
    }
    // Another process still may.
    await k.syscall(app(k), 'queue.create', {});
  });

  it('gives the slot back when an object is destroyed or closed', async () => {
    const k = testKernel();
    const pid = app(k);
    k.ipc.objects.perProcess = 4;
    const pipe = await k.syscall<any>(pid, 'pipe.create', {});
    const queue = await k.syscall<any>(pid, 'queue.create', {});
    const seg = await k.syscall<any>(pid, 'shm.create', { size: 1 });
    const sock = await k.syscall<any>(pid, 'socket.create', {});
    expect((await kernelError(k.syscall(pid, 'pipe.create', {}))).code).toBe('EMFILE');
    const frees: [string, Record<string, unknown>][] = [['pipe.destroy', pipe], ['queue.destroy', queue], ['shm.destroy', seg], ['socket.close', sock]];
    for (const [i, [syscall, obj]] of frees.entries()) {
      await k.syscall(pid, syscall, { id: obj.id });
      expect(k.ipc.objects.ownedBy(pid)).toBe(3 - i);
    }
    for (const [, make] of makers) await make(k, pid);
    expect(k.ipc.objects.ownedBy(pid)).toBe(4);
  });

  it('releases every object of a process when it exits, and the counts drop', async () => {
    const k = testKernel();
    const [pid, peer] = [app(k), app(k)];
    k.ipc.objects.perProcess = 8;
    for (let i = 0; i < 8; i++) await makers[i % 4]![1](k, pid);
    // A pipe the exiting process only reads from stays its creator's.
    await k.syscall(peer, 'pipe.create', { reader_pid: pid });
    const before = k.ipc.objects.total;
    expect(k.ipc.objects.ownedBy(pid)).toBe(8);
    k.procs.exit(pid);
    expect(k.ipc.objects.ownedBy(pid)).toBe(0);
    expect(k.ipc.objects.total).toBe(before - 8);
    expect(k.ipc.objects.ownedBy(peer)).toBe(1);
    expect(await k.syscall<any>(peer, 'pipe.stats', {})).toMatchObject({ objects: { owned: 1, per_process_limit: 8, total: before - 8 } });
  });

  it('refuses past the global limit with ENOSPC, naming the total and how to free', async () => {
    const k = testKernel();
    k.ipc.objects.global = k.ipc.objects.total + 6;
    const [a, b] = [app(k), app(k)];
    for (let i = 0; i < 3; i++) await k.syscall(a, 'queue.create', {});
    for (let i = 0; i < 3; i++) await k.syscall(b, 'shm.create', { size: 1 });
    const err = await kernelError(k.syscall(app(k), 'pipe.create', {}));
    expect(err.code).toBe('ENOSPC');
    expect(err.message).toMatch(/^too many open IPC objects: the kernel holds \d+, its limit \(process \d+ owns 0\); free some with pipe\.destroy, queue\.destroy, shm\.destroy or socket\.close/);
    k.procs.exit(a);
    await k.syscall(b, 'pipe.create', {});
  });
});

describe('queued message overhead', () => {
  it('charges every message its text and a fixed overhead, so empty messages fill the limit too', async () => {
    const qs = new Queues(MESSAGE_OVERHEAD * 10);
    const q = qs.create(1, { kind: 'fifo', capacity: 1_000_000 });
    for (let i = 0; i < 10; i++) qs.send(1, q.id, '');
    expect(() => qs.send(1, q.id, '')).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    expect(qs.stats(1, q.id)).toMatchObject({ depth: 10, bytes: 0, charged_bytes: 10 * MESSAGE_OVERHEAD });
    expect(qs.bytesOwnedBy(1)).toBe(10 * MESSAGE_OVERHEAD);
    await qs.receive(1, q.id, 0);
    qs.send(1, q.id, '');
  });

  it('shows text and charge apart through the door', async () => {
    const k = testKernel();
    const { id } = await k.syscall<any>(k.userPid, 'queue.create', {});
    await k.syscall(k.userPid, 'queue.send', { id, data: 'abc' });
    await k.syscall(k.userPid, 'queue.send', { id, data: '' });
    expect(await k.syscall<any>(k.userPid, 'queue.stats', { id })).toMatchObject({ depth: 2, bytes: 3, charged_bytes: 3 + 2 * MESSAGE_OVERHEAD });
    expect(await k.syscall<any>(k.userPid, 'queue.stats', {})).toMatchObject({ bytes: 3 + 2 * MESSAGE_OVERHEAD, limit: QUEUE_GLOBAL_LIMIT });
    await k.syscall(k.userPid, 'queue.receive', { id, timeout_ms: 0 });
    await k.syscall(k.userPid, 'queue.receive', { id, timeout_ms: 0 });
    expect(k.ipc.bytesOwnedBy(k.userPid)).toBe(0);
  });
});
