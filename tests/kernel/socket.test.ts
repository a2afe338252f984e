import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernel/kernel.js';
import type { Grant } from '../../src/kernel/sandbox/capabilities.js';
import { kernelError, testKernel } from '../helpers/kernel.js';

/** A process with exactly these grants. */
const withGrants = (k: Kernel, grants: Grant[]) => k.spawnProcess({ name: 'net-app', kind: 'app', grants, profile: 'custom', ppid: k.initPid }).pid;

/** A listening socket of pid on 127.0.0.1 and a free port. */
async function listener(k: Kernel, pid: number) {
  const { id } = await k.syscall<any>(pid, 'socket.create', { type: 'tcp' });
  await k.syscall(pid, 'socket.bind', { id, host: '127.0.0.1', port: 0 });
  const { port } = await k.syscall<any>(pid, 'socket.listen', { id });
  return { id, port: port as number };
}

describe('sockets', () => {
  it('connects two kernel sockets over 127.0.0.1 and carries bytes both ways', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const server = await listener(k, pid);
    expect(server.port).toBeGreaterThan(0);
    const { id: client } = await k.syscall<any>(pid, 'socket.create', {});
    const accepting = k.syscall<any>(pid, 'socket.accept', { id: server.id, timeout_ms: 5000 });
    await k.syscall(pid, 'socket.connect', { id: client, host: '127.0.0.1', port: server.port });
    const conn = await accepting;
    expect(conn.remote_host).toBe('127.0.0.1');
    await k.syscall(pid, 'socket.send', { id: client, data: 'ping' });
    expect(await k.syscall<any>(pid, 'socket.recv', { id: conn.id, timeout_ms: 5000 })).toMatchObject({ data: 'ping', bytes: 4, eof: false });
    await k.syscall(pid, 'socket.send', { id: conn.id, data: Buffer.from([0, 255, 1]).toString('base64'), encoding: 'base64' });
    expect((await k.syscall<any>(pid, 'socket.recv', { id: client, encoding: 'hex', timeout_ms: 5000 })).data).toBe('00ff01');
    await k.syscall(pid, 'socket.close', { id: client });
    expect(await k.syscall<any>(pid, 'socket.recv', { id: conn.id, timeout_ms: 5000 })).toMatchObject({ data: '', eof: true });
    expect((await kernelError(k.syscall(pid, 'socket.recv', { id: client }))).code).toBe('EBADF');
  });

  it('moves a large transfer intact, slowing the sender when the reader lags', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const server = await listener(k, pid);
    const { id: client } = await k.syscall<any>(pid, 'socket.create', {});
    const accepting = k.syscall<any>(pid, 'socket.accept', { id: server.id, timeout_ms: 5000 });
    await k.syscall(pid, 'socket.connect', { id: client, host: 'localhost', port: server.port });
    const conn = await accepting;
    await k.syscall(pid, 'socket.set_option', { id: conn.id, name: 'recv_buffer_bytes', value: 4096 });
    const payload = Buffer.alloc(3 * 1024 * 1024, 'abcdefgh');
    const sending = k.syscall(pid, 'socket.send', { id: client, data: payload.toString('base64'), encoding: 'base64' });
    const parts: Buffer[] = [];
    let got = 0;
    while (got < payload.length) {
      const r = await k.syscall<any>(pid, 'socket.recv', { id: conn.id, max_bytes: 1 << 20, encoding: 'base64', timeout_ms: 5000 });
      parts.push(Buffer.from(r.data, 'base64'));
      got += r.bytes;
    }
    await sending;
    expect(Buffer.concat(parts).equals(payload)).toBe(true);
  });

  it('times out accept and recv, or answers EAGAIN when told not to wait', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const server = await listener(k, pid);
    expect((await kernelError(k.syscall(pid, 'socket.accept', { id: server.id, timeout_ms: 0 }))).code).toBe('EAGAIN');
    expect((await kernelError(k.syscall(pid, 'socket.accept', { id: server.id, timeout_ms: 20 }))).code).toBe('ETIMEDOUT');
    const { id } = await k.syscall<any>(pid, 'socket.create', {});
    expect((await kernelError(k.syscall(pid, 'socket.recv', { id }))).code).toBe('ENOTCONN');
    expect((await kernelError(k.syscall(pid, 'socket.send', { id, data: 'x' }))).code).toBe('ENOTCONN');
  });

  it('reports refused connections and ports in use', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const server = await listener(k, pid);
    const { id } = await k.syscall<any>(pid, 'socket.create', {});
    await k.syscall(pid, 'socket.bind', { id, port: server.port });
    expect((await kernelError(k.syscall(pid, 'socket.listen', { id }))).code).toBe('EADDRINUSE');
    await k.syscall(pid, 'socket.close', { id: server.id });
    const { id: c } = await k.syscall<any>(pid, 'socket.create', {});
    expect((await kernelError(k.syscall(pid, 'socket.connect', { id: c, host: '127.0.0.1', port: server.port }))).code).toBe('ECONNREFUSED');
  });

  it('sends and receives datagrams over udp', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const { id: a } = await k.syscall<any>(pid, 'socket.create', { type: 'udp' });
    const { port } = await k.syscall<any>(pid, 'socket.bind', { id: a, host: '127.0.0.1', port: 0 });
    const { id: b } = await k.syscall<any>(pid, 'socket.create', { type: 'udp' });
    await k.syscall(pid, 'socket.send_to', { id: b, data: 'datagram', host: '127.0.0.1', port });
    const got = await k.syscall<any>(pid, 'socket.recv_from', { id: a, timeout_ms: 5000 });
    expect(got).toMatchObject({ data: 'datagram', host: '127.0.0.1', truncated: false });
    await k.syscall(pid, 'socket.send_to', { id: a, data: 'reply', host: '127.0.0.1', port: got.port });
    expect(await k.syscall<any>(pid, 'socket.recv_from', { id: b, timeout_ms: 5000, max_bytes: 3 })).toMatchObject({ data: 'rep', port, truncated: true });
    expect((await kernelError(k.syscall(pid, 'socket.recv', { id: a }))).code).toBe('ENOTCONN');
  });

  it('connects a udp socket to one peer for send and recv', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const { id: a } = await k.syscall<any>(pid, 'socket.create', { type: 'udp' });
    const { port } = await k.syscall<any>(pid, 'socket.bind', { id: a, port: 0 });
    const { id: b } = await k.syscall<any>(pid, 'socket.create', { type: 'udp' });
    await k.syscall(pid, 'socket.connect', { id: b, host: '127.0.0.1', port });
    await k.syscall(pid, 'socket.send', { id: b, data: 'hello' });
    const got = await k.syscall<any>(pid, 'socket.recv_from', { id: a, timeout_ms: 5000 });
    expect(got.data).toBe('hello');
    await k.syscall(pid, 'socket.send_to', { id: a, data: 'back', host: '127.0.0.1', port: got.port });
    expect(await k.syscall<any>(pid, 'socket.recv', { id: b, timeout_ms: 5000 })).toMatchObject({ data: 'back', eof: false });
  });

  it('sets and reads options, applying them to the live connection', async () => {
    const k = testKernel();
    const pid = k.userPid;
    const { id } = await k.syscall<any>(pid, 'socket.create', {});
    expect(await k.syscall<any>(pid, 'socket.get_option', { id, name: 'nodelay' })).toMatchObject({ value: false });
    await k.syscall(pid, 'socket.set_option', { id, name: 'nodelay', value: true });
    await k.syscall(pid, 'socket.set_option', { id, name: 'recv_timeout_ms', value: 10 });
    expect(await k.syscall<any>(pid, 'socket.get_option', { id, name: 'nodelay' })).toMatchObject({ value: true });
    expect((await kernelError(k.syscall(pid, 'socket.set_option', { id, name: 'nodelay', value: 3 }))).code).toBe('EINVAL');
    expect((await kernelError(k.syscall(pid, 'socket.set_option', { id, name: 'colour', value: 3 }))).code).toBe('EINVAL');
    const server = await listener(k, pid);
    await k.syscall(pid, 'socket.connect', { id, host: '127.0.0.1', port: server.port });
    expect((await kernelError(k.syscall(pid, 'socket.recv', { id }))).code).toBe('ETIMEDOUT');
    expect(k.net.sockets.get(pid, id).conn).toBeDefined();
  });

  it('scopes bind by BIND_PORT, and hosts other than loopback by NETWORK_ACCESS', async () => {
    const k = testKernel();
    const pid = withGrants(k, [{ cap: 'BIND_PORT', scope: ['40000-40100'] }]);
    const { id } = await k.syscall<any>(pid, 'socket.create', {});
    const denied = await kernelError(k.syscall(pid, 'socket.bind', { id, host: '127.0.0.1', port: 39999 }));
    expect(denied.code).toBe('EACCES');
    expect(denied.message).toContain('BIND_PORT');
    const wide = await kernelError(k.syscall(pid, 'socket.bind', { id, host: '0.0.0.0', port: 40000 }));
    expect(wide.message).toContain('NETWORK_ACCESS');
    for (const host of ['127.0.0.1', 'localhost', '::1']) {
      const { id: s } = await k.syscall<any>(pid, 'socket.create', {});
      await k.syscall(pid, 'socket.bind', { id: s, host, port: 40000 });
    }
    expect((await kernelError(k.syscall(pid, 'socket.bind', { id, host: '2130706433', port: 40000 }))).code).toBe('EINVAL');
  });

  it('scopes connect by NETWORK_ACCESS for host:port or host', async () => {
    const k = testKernel();
    const server = await listener(k, k.userPid);
    const other = await listener(k, k.userPid);
    const byPort = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: [`127.0.0.1:${server.port}`] }]);
    const byHost = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: ['127.0.0.1'] }, { cap: 'NETWORK_ACCESS', scope: [`127.0.0.1:${other.port}`], deny: true }]);
    const none = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: ['example.com'] }]);
    const connect = async (pid: number, port: number, host = '127.0.0.1') => {
      const { id } = await k.syscall<any>(pid, 'socket.create', {});
      return k.syscall(pid, 'socket.connect', { id, host, port });
    };
    await connect(byPort, server.port);
    expect((await kernelError(connect(byPort, other.port))).code).toBe('EACCES');
    await connect(byHost, server.port);
    expect((await kernelError(connect(byHost, other.port))).code).toBe('EACCES');
    expect((await kernelError(connect(none, server.port))).code).toBe('EACCES');
    // Other spellings of 127.0.0.1 do not slip past a host rule.
    for (const odd of ['2130706433', '0x7f.0.0.1', '0177.0.0.1', '127.1']) {
      expect((await kernelError(connect(byHost, server.port, odd))).code).toBe('EINVAL');
    }
  });

  it('keeps sockets per process and closes them when the owner exits', async () => {
    const k = testKernel();
    const owner = withGrants(k, [{ cap: 'BIND_PORT' }]);
    const server = await listener(k, owner);
    expect((await kernelError(k.syscall(k.userPid, 'socket.accept', { id: server.id, timeout_ms: 0 }))).code).toBe('EBADF');
    expect(await k.syscall<any[]>(owner, 'socket.list')).toHaveLength(1);
    k.procs.exit(owner);
    const { id } = await k.syscall<any>(k.userPid, 'socket.create', {});
    expect((await kernelError(k.syscall(k.userPid, 'socket.connect', { id, host: '127.0.0.1', port: server.port }))).code).toBe('ECONNREFUSED');
  });
});
