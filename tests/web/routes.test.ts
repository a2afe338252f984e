import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { testServer, type TestServer } from './helpers.js';

/** Raw bytes to the server on one connection; every response it sent before closing. */
function rawExchange(t: TestServer, bytes: string): Promise<string> {
  const u = new URL(t.base);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(u.port), u.hostname, () => s.write(bytes));
    let got = '';
    s.on('data', (d) => (got += d));
    s.on('error', reject);
    s.on('close', () => resolve(got));
    setTimeout(() => s.end(), 1000).unref();
  });
}
const statuses = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));

describe('the route table over a live runtime', () => {
  it('GET /health is public and minimal; with the token it says more', async () => {
    const t = await testServer();
    const bare = await fetch(`${t.base}/health`);
    expect(bare.status).toBe(200);
    expect(await bare.json()).toEqual({ status: 'ok' });
    const full = await t.api('GET', '/health');
    expect(full.json).toMatchObject({ status: 'ok', apps: 0 });
    expect(full.json.processes).toBeGreaterThan(1);
  });

  it('lists, focuses, moves, snaps and closes apps with their children', async () => {
    const t = await testServer();
    const launched = await t.api('POST', '/apps/launch', { app_id: 'calculator' });
    expect(launched.status).toBe(200);
    const child = await t.api('POST', '/registry/apps/calculator/launch', { parent_id: 'calculator' });
    expect(child.json).toMatchObject({ id: 'calculator~2', parent_id: 'calculator' });

    const list = await t.api('GET', '/apps');
    expect(list.json.apps.map((a: any) => a.id)).toEqual(['calculator', 'calculator~2']);
    expect(list.json.focused).toBe('calculator~2');

    expect((await t.api('POST', '/apps/calculator/focus')).json.focused).toBe(true);
    const moved = await t.api('POST', '/apps/calculator/window', { rect: { x: 0.1, y: 0.2, w: 0.3, h: 0.4 } });
    expect(moved.json.window).toMatchObject({ x: 0.1, y: 0.2, w: 0.3, h: 0.4, zone: null });
    const px = await t.api('POST', '/apps/calculator/window', { position: { x: 144, y: 90 }, size: { width: 720, height: 450 } });
    expect(px.json.window).toMatchObject({ x: 0.1, y: 0.1, w: 0.5, h: 0.5 });
    const snapped = await t.api('POST', '/apps/calculator/window', { zone: 'left' });
    expect(snapped.json.window).toMatchObject({ x: 0, y: 0, w: 0.5, h: 1, zone: 'left' });
    expect((await t.api('POST', '/apps/calculator/window', { minimized: true })).json.state).toBe('minimized');
    expect((await t.api('POST', '/apps/calculator/window', { state: 'maximized' })).json.state).toBe('maximized');

    const closed = await t.api('DELETE', '/apps/calculator');
    expect(closed.json.closed).toEqual(['calculator~2', 'calculator']);
    expect((await t.api('GET', '/apps')).json.apps).toEqual([]);
    expect((await t.api('DELETE', '/apps/calculator')).status).toBe(404);
  });

  it('rejects bad bodies with 400 and a message naming the field', async () => {
    const t = await testServer();
    await t.api('POST', '/apps/launch', { app_id: 'calculator' });
    const bad = await t.api('POST', '/apps/calculator/window', { rect: { x: 2, y: 0, w: 0.5, h: 0.5 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^rect\.x:/);
    const notJson = await t.api('POST', '/apps/calculator/window', '{nope');
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.message).toMatch(/not valid JSON/);
    expect((await t.api('POST', '/apps/calculator/window', { bogus: 1 })).status).toBe(400);
  });

  it('answers unknown paths with 404 and wrong methods with 405 and Allow', async () => {
    const t = await testServer();
    expect((await t.api('GET', '/nope')).status).toBe(404);
    const r = await t.api('PUT', '/apps');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET');
  });

  it('keeps keep-alive connections usable: a refused body closes its connection, paths like // are paths, bad HTTP gets 400', async () => {
    const t = await testServer();
    const auth = `Host: ${new URL(t.base).host}\r\nAuthorization: Bearer ${t.token}\r\n`;
    // Refused before its body was read: the answer says the connection closes, so no client reuses it.
    const refused = await rawExchange(t, `DELETE / HTTP/1.1\r\n${auth}Content-Length: 7\r\n\r\n{"a":1}`);
    expect(statuses(refused)).toEqual([405]);
    expect(refused).toMatch(/\r\nConnection: close\r\n/);
    // Two requests on one connection, the first with a body the route reads: both answered.
    const twice = await rawExchange(t, `DELETE /apps/nope HTTP/1.1\r\n${auth}Content-Length: 2\r\n\r\n{}GET /health HTTP/1.1\r\n${auth}Connection: close\r\n\r\n`);
    expect(statuses(twice)).toEqual([404, 200]);
    expect(statuses(await rawExchange(t, `GET //%00 HTTP/1.1\r\n${auth}Connection: close\r\n\r\n`))).toEqual([404]);
    const garbage = await rawExchange(t, 'NOT HTTP AT ALL\r\n\r\n');
    expect(statuses(garbage)).toEqual([400]);
    expect(garbage).toMatch(/"the request is not valid HTTP\/1\.1"/);
  });

  it('runs service tools with and without an app, and discovers them', async () => {
    const t = await testServer();
    const services = await t.api('GET', '/services');
    expect(services.json.services.map((s: any) => s.name)).toContain('ui');
    const found = await t.api('POST', '/services/discover', { intent: 'append text to the display' });
    expect(found.json.tools.map((x: any) => x.id)).toContain('ui.append');

    await t.api('POST', '/apps/launch', { app_id: 'calculator' });
    const ran = await t.api('POST', '/services/execute', { tool_id: 'ui.set', params: { key: 'display', value: '42' }, app_id: 'calculator' });
    expect(ran.json.state.display).toBe('42');
    const unknown = await t.api('POST', '/services/execute', { tool_id: 'ui.sett', params: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toMatch(/ui\.set/);
    const needsApp = await t.api('POST', '/services/execute', { tool_id: 'system.notify', params: { message: 'hi' } });
    expect(needsApp.status).toBe(400);
    expect(needsApp.json.error.message).toMatch(/app_id/);
  });

  it('generates and launches an app (POST /generate-ui)', async () => {
    const t = await testServer();
    const r = await t.api('POST', '/generate-ui', { message: 'a calculator' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ app_id: 'generated', provider: 'template' });
    expect(r.json.ui_spec.app.id).toBe('generated');
    expect(t.runtime.getSnapshot().apps.generated).toBeDefined();
    expect((await t.api('POST', '/generate-ui', { message: '  ' })).status).toBe(400);
  });

  it('lists the registry (the catalog here) and refuses to save without a registry', async () => {
    const t = await testServer();
    expect((await t.api('GET', '/registry/apps')).json.apps.map((a: any) => a.id)).toEqual(['calculator']);
    expect((await t.api('GET', '/registry/apps/calculator')).json.blueprint.app.id).toBe('calculator');
    expect((await t.api('GET', '/registry/apps/nope')).status).toBe(404);
    expect((await t.api('POST', '/registry/save', { app_id: 'x' })).status).toBe(501);
    expect((await t.api('GET', '/sessions')).status).toBe(501);
  });

  it('lists the syscall table and makes syscalls as the token holder through the sandbox', async () => {
    const t = await testServer();
    const table = await t.api('GET', '/syscalls');
    const read = table.json.syscalls.find((s: any) => s.name === 'fs.read');
    expect(read.caps).toEqual(['READ_FILE']);
    expect(read.args.map((a: any) => a.name)).toContain('path');
    expect(read.schema.type).toBe('object');
    expect((await t.api('POST', '/syscalls/fs.write', { path: '/tmp/a.txt', content: 'hi' })).status).toBe(200);
    expect((await t.api('POST', '/syscalls/fs.read', { path: '/tmp/a.txt' })).json).toEqual({ result: 'hi' });
    const missing = await t.api('POST', '/syscalls/fs.read', { path: '/tmp/none' });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ code: 'ENOENT', syscall: 'fs.read' });
    const badArg = await t.api('POST', '/syscalls/fs.read', { pth: '/tmp/a.txt' });
    expect(badArg.status).toBe(400);
    expect((await t.api('POST', '/syscalls/fs.nope', {})).status).toBe(501);
    const who = t.web.context.kernel.procs.get(t.web.context.pid)!;
    expect(who).toMatchObject({ name: 'web', ppid: t.web.context.kernel.userPid });
  });

  it('serves Prometheus text with HTTP, WebSocket, syscall and generation metrics', async () => {
    const t = await testServer();
    await t.api('GET', '/apps');
    await t.api('POST', '/syscalls/sys.ping', {});
    await t.api('POST', '/generate-ui', { message: 'x' });
    const r = await t.api('GET', '/metrics');
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    for (const name of ['agentos_http_requests_total', 'agentos_http_request_duration_seconds_bucket', 'agentos_ws_connections', 'agentos_syscalls_total', 'agentos_generations_total', 'agentos_generation_cache_total', 'agentos_running_apps'])
      expect(r.text).toContain(name);
    expect(r.text).toMatch(/agentos_http_requests_total\{method="GET",route="\/apps",status="200"\} 1/);
    const json = await t.api('GET', '/metrics/json');
    expect(json.json.web.http.requests['GET /apps 200']).toBe(1);
    expect(json.json.kernel.syscalls_total).toBeGreaterThan(0);
  });

  it('sets the scheduler policy and reads its stats', async () => {
    const t = await testServer();
    expect((await t.api('PUT', '/kernel/scheduler/policy', { policy: 'Fair' })).json.policy).toBe('fair');
    expect((await t.api('GET', '/kernel/scheduler/stats')).json.policy).toBe('fair');
    expect((await t.api('POST', '/kernel/schedule-next')).json).toMatchObject({ pid: null });
    expect((await t.api('PUT', '/kernel/scheduler/policy', { policy: 'lottery' })).status).toBe(400);
  });
});
