import dns from 'node:dns';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Kernel } from '../../../src/kernel/kernel.js';
import type { Grant } from '../../../src/kernel/sandbox/capabilities.js';
import { kernelError, testKernel } from '../../helpers/kernel.js';

const withGrants = (k: Kernel, grants: Grant[]) => k.spawnProcess({ name: 'net-app', kind: 'app', grants, profile: 'custom', ppid: k.initPid }).pid;
const anyPort: Grant = { cap: 'BIND_PORT' };

/** Names the test's resolver answers (anything else: not found), counting lookups. */
function fakeDns(answers: Record<string, string[]>) {
  const asked: string[] = [];
  vi.spyOn(dns.promises, 'lookup').mockImplementation((async (host: string) => {
    asked.push(host);
    const found = answers[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }) as never);
  return asked;
}

afterEach(() => vi.restoreAllMocks());

describe('socket.bind resolves a name the way connect does', () => {
  it('refuses a granted name that resolves to an address the grants do not cover (0.0.0.0, private)', async () => {
    const k = testKernel();
    fakeDns({ 'rebind.test': ['0.0.0.0'], 'lan.test': ['203.0.113.9', '192.168.1.5'] });
    const pid = withGrants(k, [anyPort, { cap: 'NETWORK_ACCESS', scope: ['rebind.test', 'lan.test'] }]);
    for (const [host, address] of [['rebind.test', '0.0.0.0'], ['lan.test', '192.168.1.5']]) {
      const { id } = await k.syscall<any>(pid, 'socket.create', {});
      const e = await kernelError(k.syscall(pid, 'socket.bind', { id, host, port: 0 }));
      expect(e.code).toBe('EACCES');
      expect(e.message).toContain(`${host} resolves to ${address}`);
      expect(e.target).toBe(address);
    }
  });

  it('binds the pinned address, not the name, after one lookup', async () => {
    const k = testKernel();
    const asked = fakeDns({ 'here.test': ['127.0.0.1'] });
    const pid = withGrants(k, [anyPort, { cap: 'NETWORK_ACCESS', scope: ['here.test', '127.0.0.1'] }]);
    const { id } = await k.syscall<any>(pid, 'socket.create', {});
    expect(await k.syscall<any>(pid, 'socket.bind', { id, host: 'HERE.test', port: 0 })).toMatchObject({ host: 'here.test', address: '127.0.0.1' });
    const { port } = await k.syscall<any>(pid, 'socket.listen', { id });
    expect((await k.syscall<any[]>(pid, 'socket.list', {}))[0].local).toEqual({ host: '127.0.0.1', port });
    expect(asked).toEqual(['here.test']);
  });

  it('a udp socket bound by name also binds the pinned address', async () => {
    const k = testKernel();
    fakeDns({ 'here.test': ['127.0.0.1'] });
    const pid = withGrants(k, [anyPort, { cap: 'NETWORK_ACCESS', scope: ['here.test', '127.0.0.1'] }]);
    const { id } = await k.syscall<any>(pid, 'socket.create', { type: 'udp' });
    const r = await k.syscall<any>(pid, 'socket.bind', { id, host: 'here.test', port: 0 });
    expect(r).toMatchObject({ host: 'here.test', address: '127.0.0.1' });
    expect(k.net.sockets.get(pid, id).udp!.address()).toMatchObject({ address: '127.0.0.1', port: r.port });
  });

  it('localhost needs no grant while it resolves only to loopback; otherwise it is checked like any name', async () => {
    const k = testKernel();
    const pid = withGrants(k, [anyPort]);
    fakeDns({ localhost: ['127.0.0.1', '::1'] });
    const { id } = await k.syscall<any>(pid, 'socket.create', {});
    expect(await k.syscall<any>(pid, 'socket.bind', { id, host: 'localhost', port: 0 })).toMatchObject({ host: 'localhost', address: '127.0.0.1' });
    vi.restoreAllMocks();
    fakeDns({ localhost: ['10.0.0.7'] });
    const { id: other } = await k.syscall<any>(pid, 'socket.create', {});
    const e = await kernelError(k.syscall(pid, 'socket.bind', { id: other, host: 'localhost', port: 0 }));
    expect(e.code).toBe('EACCES');
    expect(e.message).toContain('NETWORK_ACCESS');
  });

  it('a name that does not resolve is ENOENT-like, not a bind to whatever Node finds later', async () => {
    const k = testKernel();
    fakeDns({});
    const pid = withGrants(k, [anyPort, { cap: 'NETWORK_ACCESS' }]);
    const { id } = await k.syscall<any>(pid, 'socket.create', {});
    const e = await kernelError(k.syscall(pid, 'socket.bind', { id, host: 'nowhere.test', port: 0 }));
    expect(e.code).not.toBe('EACCES');
    expect(e.message).toContain('nowhere.test');
    expect(k.net.sockets.get(pid, id).state).toBe('new');
  });
});
