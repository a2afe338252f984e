import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/kernel/kernel.js';
import type { Grant } from '../../src/kernel/sandbox/capabilities.js';
import { kernelError, onCleanup, testKernel } from '../helpers/kernel.js';

const withGrants = (k: Kernel, grants: Grant[]) => k.spawnProcess({ name: 'net-app', kind: 'app', grants, profile: 'custom', ppid: k.initPid }).pid;

/** A local server: /echo answers the request, /redirect?to=URL&code=N redirects, /big streams 1 MB. */
async function server(): Promise<string> {
  const srv = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (url.pathname === '/redirect') {
        res.writeHead(Number(url.searchParams.get('code') ?? 302), { location: url.searchParams.get('to')! });
        return void res.end();
      }
      if (url.pathname === '/big') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return void res.end(Buffer.alloc(1024 * 1024, 'z'));
      }
      if (url.pathname === '/loop') {
        res.writeHead(307, { location: '/loop' });
        return void res.end();
      }
      if (url.pathname === '/slow') return void setTimeout(() => res.end('late'), 2000);
      res.writeHead(201, { 'content-type': 'application/json', 'x-served-by': 'test' });
      res.end(JSON.stringify({ method: req.method, path: url.pathname, headers: req.headers, body: Buffer.concat(chunks).toString() }));
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  onCleanup(() => new Promise<void>((r) => srv.close(() => r())));
  srv.unref();
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

describe('net.http', () => {
  it('makes a request and returns status, headers and body', async () => {
    const k = testKernel();
    const base = await server();
    const r = await k.syscall<any>(k.userPid, 'net.http', { url: `${base}/echo`, method: 'POST', headers: { 'content-type': 'text/plain', 'x-token': 'abc' }, body: 'payload' });
    expect(r).toMatchObject({ status: 201, url: `${base}/echo`, redirects: 0, truncated: false });
    expect(r.headers['x-served-by']).toBe('test');
    const echoed = JSON.parse(r.body);
    expect(echoed).toMatchObject({ method: 'POST', path: '/echo', body: 'payload' });
    expect(echoed.headers['x-token']).toBe('abc');
  });

  it('follows redirects, checking each hop against the grants', async () => {
    const k = testKernel();
    const base = await server();
    const port = new URL(base).port;
    const r = await k.syscall<any>(k.userPid, 'net.http', { url: `${base}/redirect?to=/echo` });
    expect(r).toMatchObject({ status: 201, url: `${base}/echo`, redirects: 1 });
    const post = await k.syscall<any>(k.userPid, 'net.http', { url: `${base}/redirect?code=303&to=/echo`, method: 'POST', body: 'x' });
    expect(JSON.parse(post.body).method).toBe('GET');
    // A process allowed 127.0.0.1 only must not be redirected to localhost.
    const app = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: ['127.0.0.1'] }]);
    await k.syscall(app, 'net.http', { url: `${base}/redirect?to=/echo` });
    const hop = await kernelError(k.syscall(app, 'net.http', { url: `${base}/redirect?to=${encodeURIComponent(`http://localhost:${port}/echo`)}` }));
    expect(hop.code).toBe('EACCES');
    expect(hop.message).toContain('localhost');
    const scheme = await kernelError(k.syscall(k.userPid, 'net.http', { url: `${base}/redirect?to=${encodeURIComponent('file:///etc/passwd')}` }));
    expect(scheme.code).toBe('EINVAL');
    expect((await kernelError(k.syscall(k.userPid, 'net.http', { url: `${base}/loop` }))).code).toBe('ELOOP');
    const stay = await kernelError(k.syscall(k.userPid, 'net.http', { url: `${base}/redirect?to=/echo`, follow_redirects: false }));
    expect(stay.message).toContain('follow_redirects');
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    const k = testKernel();
    const base = await server();
    const other = await server();
    const r = await k.syscall<any>(k.userPid, 'net.http', { url: `${base}/redirect?to=${encodeURIComponent(`${other}/echo`)}`, headers: { authorization: 'Bearer secret', 'x-keep': '1' } });
    const seen = JSON.parse(r.body).headers;
    expect(seen.authorization).toBeUndefined();
    expect(seen['x-keep']).toBe('1');
  });

  it('allows hosts by NETWORK_ACCESS, normalizing odd spellings first', async () => {
    const k = testKernel();
    const base = await server();
    const port = new URL(base).port;
    const app = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: ['localhost'] }]);
    const denied = await kernelError(k.syscall(app, 'net.http', { url: `${base}/echo` }));
    expect(denied.code).toBe('EACCES');
    expect(denied.message).toContain('127.0.0.1');
    expect((await k.syscall<any>(app, 'net.http', { url: `http://LOCALHOST:${port}/echo` })).status).toBe(201);
    const deny = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: ['*'] }, { cap: 'NETWORK_ACCESS', scope: ['127.0.0.1'], deny: true }]);
    for (const odd of ['2130706433', '0x7f000001', '0177.0.0.1', '127.1', '127.0.0.%31']) {
      const e = await kernelError(k.syscall(deny, 'net.http', { url: `http://${odd}:${port}/echo` }));
      expect(['EINVAL', 'EACCES']).toContain(e.code);
    }
    for (const mapped of ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[0:0:0:0:0:ffff:7f00:1]', '[::127.0.0.1]']) {
      expect((await kernelError(k.syscall(deny, 'net.http', { url: `http://${mapped}:${port}/echo` }))).code).toBe('EINVAL');
    }
  });

  it('refuses schemes other than http and https, and reserved headers', async () => {
    const k = testKernel();
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/', 'data:text/plain,hi', 'javascript:alert(1)', 'not a url']) {
      expect((await kernelError(k.syscall(k.userPid, 'net.http', { url }))).code).toBe('EINVAL');
    }
    const base = await server();
    expect((await kernelError(k.syscall(k.userPid, 'net.http', { url: base, headers: { Host: 'evil' } }))).code).toBe('EINVAL');
    expect((await kernelError(k.syscall(k.userPid, 'net.http', { url: base, headers: { 'x-a': 'b\r\nx-injected: 1' } }))).code).toBe('EINVAL');
  });

  it('stops at max_bytes and at the timeout', async () => {
    const k = testKernel();
    const base = await server();
    const r = await k.syscall<any>(k.userPid, 'net.http', { url: `${base}/big`, max_bytes: 1000 });
    expect(r).toMatchObject({ status: 200, bytes: 1000, truncated: true });
    expect(r.body).toBe('z'.repeat(1000));
    expect((await k.syscall<any>(k.userPid, 'net.http', { url: `${base}/big` })).bytes).toBe(1024 * 1024);
    expect((await kernelError(k.syscall(k.userPid, 'net.http', { url: `${base}/slow`, timeout_ms: 50 }))).code).toBe('ETIMEDOUT');
  });

  it('reports a refused connection', async () => {
    const k = testKernel();
    const base = await server();
    const { port } = new URL(base);
    const srv = http.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const free = (srv.address() as AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    expect(port).not.toBe(String(free));
    expect((await kernelError(k.syscall(k.userPid, 'net.http', { url: `http://127.0.0.1:${free}/` }))).code).toBe('ECONNREFUSED');
  });
});

describe('net.dns', () => {
  it('looks up localhost, and checks the host against the grants', async () => {
    const k = testKernel();
    const r = await k.syscall<any>(k.userPid, 'net.dns', { host: 'localhost' });
    expect(r.addresses.map((a: any) => a.address).some((a: string) => a === '127.0.0.1' || a === '::1')).toBe(true);
    const app = withGrants(k, [{ cap: 'NETWORK_ACCESS', scope: ['example.com'] }]);
    expect((await kernelError(k.syscall(app, 'net.dns', { host: 'localhost' }))).code).toBe('EACCES');
    expect((await kernelError(k.syscall(k.userPid, 'net.dns', { host: 'no such host' }))).code).toBe('EINVAL');
  });
});
