import http from 'node:http';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { CSP } from '../../src/web/security.js';
import { testServer, WsClient, type TestServer } from './helpers.js';

/** A request with exactly these headers (fetch would set Host and Origin itself). */
function raw(t: TestServer, method: string, p: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const u = new URL(t.base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: p, headers, setHost: false }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

function upgrade(t: TestServer, headers: Record<string, string>, query = ''): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${t.base.replace('http', 'ws')}/stream${query}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode!);
      res.resume();
    });
    ws.on('error', () => {});
  });
}

describe('web security', () => {
  it('needs the token for everything but GET / and a minimal GET /health', async () => {
    const t = await testServer();
    const host = new URL(t.base).host;
    expect((await raw(t, 'GET', '/apps', { Host: host })).status).toBe(401);
    expect((await raw(t, 'GET', '/apps', { Host: host, Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await raw(t, 'GET', '/metrics', { Host: host })).status).toBe(401);
    expect((await raw(t, 'GET', '/nope', { Host: host })).status).toBe(401);
    expect((await raw(t, 'GET', '/apps', { Host: host, Cookie: `agentos_token_${new URL(t.base).port}=${t.token}` })).status).toBe(200);
    expect((await raw(t, 'GET', '/apps', { Host: host, 'X-AgentOS-Token': t.token })).status).toBe(200);
    // The query token is for the first page load only.
    expect((await raw(t, 'GET', `/apps?token=${t.token}`, { Host: host })).status).toBe(401);
    const health = await raw(t, 'GET', '/health', { Host: host });
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
  });

  it('GET /?token= sets an HttpOnly SameSite=Strict cookie and redirects to a clean URL', async () => {
    const t = await testServer();
    const host = new URL(t.base).host;
    const r = await raw(t, 'GET', `/?token=${t.token}`, { Host: host });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`agentos_token_${new URL(t.base).port}=test-token`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await raw(t, 'GET', '/?token=wrong', { Host: host })).status).toBe(401);
    expect((await raw(t, 'GET', '/', { Host: host })).status).toBe(401);
    const page = await raw(t, 'GET', '/', { Host: host, Cookie: `agentos_token_${new URL(t.base).port}=${t.token}` });
    expect([200, 503]).toContain(page.status);
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('sends a CSP without inline script on every response', async () => {
    const t = await testServer();
    const r = await t.api('GET', '/apps');
    const csp = r.headers.get('content-security-policy')!;
    const script = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))!;
    expect(script).toBe("script-src 'self'");
    expect(csp).toMatch(/frame-src/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses other Hosts (DNS rebinding) with 403', async () => {
    const t = await testServer();
    const port = new URL(t.base).port;
    const auth = { Authorization: `Bearer ${t.token}` };
    expect((await raw(t, 'GET', '/apps', { ...auth, Host: `evil.example:${port}` })).status).toBe(403);
    expect((await raw(t, 'GET', '/apps', { ...auth, Host: `127.0.0.1:1` })).status).toBe(403);
    expect((await raw(t, 'GET', '/', { Host: `evil.example:${port}` })).status).toBe(403);
    expect((await raw(t, 'GET', '/apps', { ...auth, Host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses state-changing requests from another Origin with 403', async () => {
    const t = await testServer();
    const body = { app_id: 'calculator' };
    expect((await t.api('POST', '/apps/launch', body, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await t.api('POST', '/apps/launch', body, { Origin: 'null' })).status).toBe(403);
    expect((await t.api('POST', '/apps/launch', body, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await t.api('DELETE', '/apps/calculator', undefined, { Origin: 'http://evil.example' })).status).toBe(403);
    expect(t.runtime.getSnapshot().apps).toEqual({});
    expect((await t.api('POST', '/apps/launch', body, { Origin: t.base })).status).toBe(200);
  });

  it('checks the token and Origin on WebSocket upgrades', async () => {
    const t = await testServer();
    expect(await upgrade(t, {})).toBe(401);
    expect(await upgrade(t, { Authorization: `Bearer ${t.token}`, Origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade(t, { Origin: t.base }, `?token=${t.token}`)).toBe(101);
    expect(await upgrade(t, { Cookie: `agentos_token_${new URL(t.base).port}=${t.token}`, Origin: t.base })).toBe(101);
  });

  it('rate-limits each client with 429 and Retry-After', async () => {
    const t = await testServer({ rateLimit: 5 });
    const statuses: number[] = [];
    let retry: string | null = null;
    for (let i = 0; i < 20; i++) {
      const r = await t.api('GET', '/health');
      statuses.push(r.status);
      if (r.status === 429) retry = r.headers.get('retry-after');
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses).toContain(429);
    expect(Number(retry)).toBeGreaterThanOrEqual(1);
  });

  it('refuses bodies over the limit with 413', async () => {
    const t = await testServer({ maxBodyBytes: 1000 });
    const big = JSON.stringify({ message: 'x'.repeat(5000) });
    expect((await t.api('POST', '/generate-ui', big)).status).toBe(413);
    // Chunked, without a Content-Length: noticed while reading.
    const host = new URL(t.base).host;
    const r = await raw(t, 'POST', '/generate-ui', { Host: host, Authorization: `Bearer ${t.token}`, 'Transfer-Encoding': 'chunked', 'Content-Type': 'application/json' }, big);
    expect(r.status).toBe(413);
    expect((await t.api('GET', '/health')).status).toBe(200);
  });

  it('answers malformed WebSocket messages with an error and keeps every client connected', async () => {
    const t = await testServer();
    const a = await WsClient.open(t);
    const b = await WsClient.open(t);
    a.send('{not json');
    expect((await a.next((m) => m.type === 'error')).error).toMatch(/not valid JSON/);
    a.send({ type: 'explode' });
    expect((await a.after((m) => m.type === 'error')).error).toMatch(/unknown message type "explode"/);
    a.send({ type: 'event', app_id: 'calculator' });
    expect((await a.after((m) => m.type === 'error')).error).toMatch(/^event: component/);
    a.send({ type: 'ping', id: 7 });
    expect(await a.after((m) => m.type === 'pong')).toMatchObject({ id: 7 });
    b.send({ type: 'ping' });
    expect((await b.after((m) => m.type === 'pong')).timestamp).toBeGreaterThan(0);
    expect(b.messages.some((m) => m.type === 'error')).toBe(false);
  });
});
