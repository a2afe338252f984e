import dns from 'node:dns';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { KernelError } from '../../src/kernel/errors.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import type { Grant } from '../../src/kernel/sandbox/capabilities.js';
import { PROFILE_NAMES, grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { internalKind } from '../../src/kernel/net/resolve.js';
import { kernelError, onCleanup, testKernel } from '../helpers/kernel.js';

/**
 * Hosts and ports, for each profile: addresses spelled to slip past an allowlist, cloud
 * metadata and wildcard addresses, redirects to a host the process may not reach, and the
 * name/address question behind DNS rebinding. (tests/kernel/net.test.ts and socket.test.ts
 * cover grants by name and redirect hops; this adds the spellings, profiles and rebinding.)
 */
const withGrants = (k: Kernel, grants: Grant[], profile = 'custom') => k.spawnProcess({ name: 'net-app', kind: 'app', grants, profile, ppid: k.initPid }).pid;

async function server(host = '127.0.0.1'): Promise<{ base: string; port: number; hits: string[] }> {
  const hits: string[] = [];
  const srv = http.createServer((req, res) => {
    hits.push(req.url!);
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to')! });
      return void res.end();
    }
    res.end('reached');
  });
  await new Promise<void>((r) => srv.listen(0, host, r));
  onCleanup(() => new Promise<void>((r) => srv.close(() => r())));
  const port = (srv.address() as AddressInfo).port;
  return { base: `http://${host}:${port}`, port, hits };
}

/** A plain TCP listener on 127.0.0.1 that counts who got through. */
async function tcpServer(): Promise<{ port: number; connections(): number }> {
  let n = 0;
  const srv = net.createServer((c) => {
    n++;
    c.destroy();
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  onCleanup(() => new Promise<void>((r) => srv.close(() => r())));
  return { port: (srv.address() as AddressInfo).port, connections: () => n };
}

const ODD = ['127.1', '0x7f000001', '2130706433', '0177.0.0.1', '127.0.0.01', '::ffff:127.0.0.1', '[::ffff:7f00:1]', '::127.0.0.1', '%31%32%37.0.0.1', '127.0.0.1\0.evil', '127.0.0.1 ', 'user@127.0.0.1', '127.0.0.1/x', '127.0.0.1#', 'LOCALHOST', 'localhost.', '0.0.0.0', '169.254.169.254', '::', '[::1]', 'xn--', ''];

/** This machine's host name, when it resolves (from /etc/hosts) to this machine or a private network only. */
const self = os.hostname().toLowerCase();
const selfAddresses = await dns.promises.lookup(self, { all: true }).catch(() => []);
const selfIsInternal = selfAddresses.length > 0 && selfAddresses.every((a) => internalKind(a.address)) && !/localhost/.test(self);

const code = (e: unknown) => (e instanceof KernelError ? e.code : 'resolved');

describe('host escapes', () => {
  for (const profile of PROFILE_NAMES) {
    it(`${profile}: odd spellings and forbidden hosts never reach the server unless granted`, async () => {
      const k = testKernel();
      const { port, hits } = await server();
      const pid = withGrants(k, grantsFor(profile), profile);
      const denied0 = k.metrics.snapshot().denials_total;
      let refusedByPolicy = 0;
      for (const host of ODD) {
        const calls: [string, Record<string, unknown>][] = [
          ['net.http', { url: `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}/odd`, timeout_ms: 500 }],
          ['net.dns', { host }],
        ];
        for (const [name, args] of calls) {
          const r = await k.syscall(pid, name, args).catch((e: unknown) => e);
          if (['EACCES', 'EPERM'].includes(code(r))) refusedByPolicy++;
          // An unusual spelling is refused for everyone, PRIVILEGED too: it exists to fool allowlists.
          if (/^(127\.1|0x|2130706433|0177|127\.0\.0\.01|::ffff|\[::ffff|::127|%31)/.test(host)) expect(code(r), `${profile} ${name} ${host}`).toMatch(/EINVAL|EACCES/);
          if (profile !== 'PRIVILEGED') expect(code(r), `${profile} ${name} ${host}`).not.toBe('resolved');
        }
        const sock = await k.syscall<{ id: number }>(pid, 'socket.create', {}).catch(() => undefined);
        if (sock) {
          const r = await k.syscall(pid, 'socket.connect', { id: sock.id, host, port, timeout_ms: 500 }).catch((e: unknown) => e);
          if (profile !== 'PRIVILEGED') expect(code(r), `${profile} socket.connect ${host}`).not.toBe('resolved');
          if (['EACCES', 'EPERM'].includes(code(r))) refusedByPolicy++;
          await k.syscall(pid, 'socket.close', { id: sock.id }).catch(() => {});
        }
      }
      if (profile !== 'PRIVILEGED') expect(hits.filter((h) => h === '/odd')).toEqual([]);
      expect(k.metrics.snapshot().denials_total - denied0).toBe(refusedByPolicy);
    });
  }

  it('a redirect to a host the process may not reach is refused before it is contacted', async () => {
    const k = testKernel();
    const { base, port, hits } = await server();
    const app = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: [`127.0.0.1:${port}`] }]);
    for (const to of [`http://169.254.169.254/latest/meta-data/`, `http://2130706433:${port}/via-int`, `http://[::1]:${port}/via-v6`, `http://127.0.0.1:${port + 1}/other-port`, 'file:///etc/passwd', 'gopher://127.0.0.1/']) {
      const r = await k.syscall(app, 'net.http', { url: `${base}/redirect?to=${encodeURIComponent(to)}`, timeout_ms: 1000 }).catch((e: unknown) => e);
      expect(code(r), to).toMatch(/EACCES|EINVAL/);
    }
    expect(hits.filter((h) => !h.startsWith('/redirect'))).toEqual([]);
  });

  /**
   * DNS rebinding: a name is checked, then also every address it resolves to, and the
   * connection goes only to those addresses. Names that really resolve here: `localhost`
   * (everywhere) and this machine's host name (from /etc/hosts).
   */
  it('a granted name that resolves to a denied address is refused, naming both', async () => {
    const k = testKernel();
    const { port, hits } = await server();
    const tcp = await tcpServer();
    const app = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: ['localhost'] }, { cap: 'NETWORK_ACCESS', scope: ['127.0.0.1'], deny: true }]);
    const http = await kernelError(k.syscall(app, 'net.http', { url: `http://localhost:${port}/rebound` }));
    expect(http.code).toBe('EACCES');
    expect(http.message).toMatch(/localhost resolves to 127\.0\.0\.1/);
    const { id } = await k.syscall<{ id: number }>(app, 'socket.create', {});
    const sock = await kernelError(k.syscall(app, 'socket.connect', { id, host: 'localhost', port: tcp.port }));
    expect(sock.code).toBe('EACCES');
    expect(sock.message).toContain('127.0.0.1');
    const { id: udp } = await k.syscall<{ id: number }>(app, 'socket.create', { type: 'udp' });
    expect((await kernelError(k.syscall(app, 'socket.send_to', { id: udp, host: 'localhost', port: tcp.port, data: 'x' }))).code).toBe('EACCES');
    expect(hits).toEqual([]);
    expect(tcp.connections()).toBe(0);
  });

  it('an address allowed but its name denied is refused by the name', async () => {
    const k = testKernel();
    const { port, hits } = await server();
    const app = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: ['127.0.0.1'] }, { cap: 'NETWORK_ACCESS', scope: ['localhost'], deny: true }]);
    expect((await kernelError(k.syscall(app, 'net.http', { url: `http://localhost:${port}/by-name` }))).code).toBe('EACCES');
    expect((await k.syscall<{ body: string }>(app, 'net.http', { url: `http://127.0.0.1:${port}/by-address` })).body).toBe('reached');
    expect(hits).toEqual(['/by-address']);
  });

  it('localhost by name reaches loopback: it can only mean this machine (RFC 6761)', async () => {
    const k = testKernel();
    const { port } = await server();
    const tcp = await tcpServer();
    const app = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: ['localhost'] }]);
    expect((await k.syscall<{ body: string }>(app, 'net.http', { url: `http://localhost:${port}/c` })).body).toBe('reached');
    const { id } = await k.syscall<{ id: number }>(app, 'socket.create', {});
    const r = await k.syscall<{ host: string; address: string }>(app, 'socket.connect', { id, host: 'localhost', port: tcp.port });
    expect(r).toMatchObject({ host: 'localhost', address: '127.0.0.1' });
    // The name grant does not stretch to the address written out.
    expect((await kernelError(k.syscall(app, 'net.http', { url: `http://127.0.0.1:${port}/d` }))).code).toBe('EACCES');
  });

  it.skipIf(!selfIsInternal)(`another name that points at this machine (${self}) is refused unless its address is granted`, async () => {
    const k = testKernel();
    const { port, hits } = await server(selfAddresses[0]!.address);
    const byName = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: [self] }]);
    const e = await kernelError(k.syscall(byName, 'net.http', { url: `http://${self}:${port}/name-only` }));
    expect(e.code).toBe('EACCES');
    expect(e.message).toContain(`${self} resolves to ${selfAddresses[0]!.address}`);
    const both = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: [self, ...selfAddresses.map((a) => a.address)] }]);
    expect((await k.syscall<{ body: string }>(both, 'net.http', { url: `http://${self}:${port}/granted` })).body).toBe('reached');
    expect(hits).toEqual(['/granted']);
  });

  it('checks each redirect hop\'s name and addresses before contacting it', async () => {
    const k = testKernel();
    const a = await server();
    const b = await server();
    const app = withGrants(k, [
      { cap: 'NETWORK_ACCESS', scope: [`127.0.0.1:${a.port}`, 'localhost'] },
      { cap: 'NETWORK_ACCESS', scope: [`127.0.0.1:${b.port}`], deny: true },
    ]);
    const e = await kernelError(k.syscall(app, 'net.http', { url: `${a.base}/redirect?to=${encodeURIComponent(`http://localhost:${b.port}/b`)}` }));
    expect(e.code).toBe('EACCES');
    expect(e.message).toContain(`127.0.0.1:${b.port}`);
    expect(a.hits).toEqual([`/redirect?to=${encodeURIComponent(`http://localhost:${b.port}/b`)}`]);
    expect(b.hits).toEqual([]);
  });
});
