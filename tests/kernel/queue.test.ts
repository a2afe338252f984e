import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernel/kernel.js';
import { MESSAGE_OVERHEAD } from '../../src/kernel/ipc/queue.js';
import { grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { kernelError, testKernel } from '../helpers/kernel.js';

const app = (k: Kernel) => k.spawnProcess({ name: 'app', kind: 'app', grants: grantsFor('STANDARD'), profile: 'STANDARD', ppid: k.initPid }).pid;
const recv = (k: Kernel, pid: number, id: number, timeout_ms = 0) => k.syscall<any>(pid, 'queue.receive', { id, timeout_ms });

describe('message queues', () => {
  it('fifo: first in, first out, with the sender and time', async () => {
    const k = testKernel();
    const [a, b] = [app(k), app(k)];
    const { id } = await k.syscall<any>(a, 'queue.create', { kind: 'fifo', allow: [b] });
    for (const m of ['one', 'two', 'three']) await k.syscall(a, 'queue.send', { id, data: m });
    const first = await recv(k, b, id);
    expect(first).toMatchObject({ data: 'one', from: a, closed: false });
    expect(typeof first.sent_at).toBe('string');
    expect((await recv(k, b, id)).data).toBe('two');
    expect((await recv(k, a, id)).data).toBe('three');
    expect((await kernelError(recv(k, b, id))).code).toBe('EAGAIN');
  });

  it('priority: highest first, equal priorities in order sent', async () => {
    const k = testKernel();
    const { id } = await k.syscall<any>(k.userPid, 'queue.create', { kind: 'priority' });
    const sends = [['low', 1], ['high-a', 9], ['mid', 5], ['high-b', 9], ['zero', 0]] as const;
    for (const [data, priority] of sends) await k.syscall(k.userPid, 'queue.send', { id, data, priority });
    const order = [];
    for (let i = 0; i < sends.length; i++) order.push((await recv(k, k.userPid, id)).data);
    expect(order).toEqual(['high-a', 'high-b', 'mid', 'low', 'zero']);
  });

  it('pubsub: every subscriber gets every message; unsubscribed ones do not', async () => {
    const k = testKernel();
    const [pub, s1, s2] = [app(k), app(k), app(k)];
    const { id } = await k.syscall<any>(pub, 'queue.create', { kind: 'pubsub', allow: [s1, s2] });
    expect(await k.syscall<any>(pub, 'queue.send', { id, data: 'nobody hears this' })).toMatchObject({ delivered: 0 });
    await k.syscall(s1, 'queue.subscribe', { id });
    await k.syscall(s2, 'queue.subscribe', { id });
    expect(await k.syscall<any>(pub, 'queue.send', { id, data: 'news' })).toMatchObject({ delivered: 2 });
    expect((await recv(k, s1, id)).data).toBe('news');
    expect((await recv(k, s2, id)).data).toBe('news');
    await k.syscall(s2, 'queue.unsubscribe', { id });
    await k.syscall(pub, 'queue.send', { id, data: 'more' });
    expect((await recv(k, s1, id)).data).toBe('more');
    expect((await kernelError(recv(k, s2, id))).message).toContain('subscribe');
    expect((await kernelError(k.syscall(s1, 'queue.subscribe', { id: (await k.syscall<any>(pub, 'queue.create', {})).id }))).code).toBe('EACCES');
  });

  it('counts a pub/sub message\'s bytes once, until the last subscriber took it', async () => {
    const k = testKernel();
    const [s1, s2] = [app(k), app(k)];
    const { id } = await k.syscall<any>(k.userPid, 'queue.create', { kind: 'pubsub', allow: [s1, s2] });
    await k.syscall(s1, 'queue.subscribe', { id });
    await k.syscall(s2, 'queue.subscribe', { id });
    await k.syscall(k.userPid, 'queue.send', { id, data: 'x'.repeat(1000) });
    expect(k.ipc.bytesOwnedBy(k.userPid)).toBe(1000 + MESSAGE_OVERHEAD);
    await recv(k, s1, id);
    expect(k.ipc.bytesOwnedBy(k.userPid)).toBe(1000 + MESSAGE_OVERHEAD);
    k.procs.exit(s2);
    expect(k.ipc.bytesOwnedBy(k.userPid)).toBe(0);
    expect((await k.syscall<any>(k.userPid, 'queue.stats', { id })).subscribers).toEqual([s1]);
  });

  it('refuses sends to a full queue with EAGAIN', async () => {
    const k = testKernel();
    const { id } = await k.syscall<any>(k.userPid, 'queue.create', { capacity: 2 });
    await k.syscall(k.userPid, 'queue.send', { id, data: 'a' });
    await k.syscall(k.userPid, 'queue.send', { id, data: 'b' });
    expect((await kernelError(k.syscall(k.userPid, 'queue.send', { id, data: 'c' }))).code).toBe('EAGAIN');
    await recv(k, k.userPid, id);
    await k.syscall(k.userPid, 'queue.send', { id, data: 'c' });
  });

  it('wakes a waiting receiver, and ends with closed once a closed queue drains', async () => {
    const k = testKernel();
    const { id } = await k.syscall<any>(k.userPid, 'queue.create', {});
    const waiting = recv(k, k.userPid, id, 5000);
    await k.syscall(k.userPid, 'queue.send', { id, data: 'hi' });
    expect((await waiting).data).toBe('hi');
    await k.syscall(k.userPid, 'queue.send', { id, data: 'last' });
    await k.syscall(k.userPid, 'queue.close', { id });
    expect((await kernelError(k.syscall(k.userPid, 'queue.send', { id, data: 'late' }))).code).toBe('EPIPE');
    expect((await recv(k, k.userPid, id)).data).toBe('last');
    expect(await recv(k, k.userPid, id)).toEqual({ data: null, closed: true });
    expect((await kernelError(recv(k, k.userPid, (await k.syscall<any>(k.userPid, 'queue.create', {})).id, 20))).code).toBe('ETIMEDOUT');
  });

  it('keeps the 100 MB global limit', async () => {
    const { Queues } = await import('../../src/kernel/ipc/queue.js');
    const qs = new Queues(200);
    const q = qs.create(1, { kind: 'fifo' });
    qs.send(1, q.id, 'x'.repeat(100));
    expect(() => qs.send(1, q.id, 'x'.repeat(50))).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    await qs.receive(1, q.id, 0);
    qs.send(1, q.id, 'x'.repeat(50));
  });

  it('stats, ownership and cleanup when the owner exits', async () => {
    const k = testKernel();
    const [owner, other] = [app(k), app(k)];
    const { id } = await k.syscall<any>(owner, 'queue.create', { kind: 'fifo', allow: [other] });
    await k.syscall(other, 'queue.send', { id, data: 'abc' });
    expect(await k.syscall<any>(owner, 'queue.stats', { id })).toMatchObject({ kind: 'fifo', depth: 1, bytes: 3, sent: 1, received: 0 });
    expect((await kernelError(k.syscall(other, 'queue.destroy', { id }))).code).toBe('EACCES');
    expect((await kernelError(k.syscall(k.userPid, 'queue.send', { id, data: 'x' }))).code).toBe('EACCES');
    const { id: q2 } = await k.syscall<any>(owner, 'queue.create', { allow: [other] });
    const waiting = kernelError(recv(k, other, q2, 5000));
    while ((await k.syscall<any>(owner, 'queue.stats', { id: q2 })).blocked_receivers === 0) await new Promise((r) => setTimeout(r, 1));
    k.procs.exit(owner);
    expect((await waiting).code).toBe('EBADF');
    expect((await kernelError(k.syscall(other, 'queue.stats', { id }))).code).toBe('ENOENT');
    expect((await k.syscall<any>(other, 'queue.stats', {})).queues).toBe(0);
  });
});
