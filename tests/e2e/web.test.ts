import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { agentos } from '../helpers/cli.js';
import { onCleanup, tempDir } from '../helpers/kernel.js';
import { serve, type Served } from '../helpers/serve.js';

const auth = (s: Served) => ({ Authorization: `Bearer ${s.token}` });

describe('agentos serve with the web view', () => {
  it('prints the URL with a random token, answers with it, and agentos status shows it', async () => {
    const env = { AGENTOS_HOME: tempDir() };
    const s = await serve([], env);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect(s.stderr()).not.toMatch(/warning/);
    expect(await (await fetch(`${s.base}/health`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${s.base}/apps`)).status).toBe(401);
    expect((await fetch(`${s.base}/apps`, { headers: auth(s) })).status).toBe(200);
    const status = JSON.parse(agentos(['status', '--json'], env).stdout);
    expect(status.web).toBe(s.url);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('takes the token from AGENTOS_TOKEN or --token, and warns when listening beyond this machine', async () => {
    const s = await serve([], { AGENTOS_HOME: tempDir(), AGENTOS_TOKEN: 'from-the-environment' });
    expect(s.token).toBe('from-the-environment');
    const t = await serve(['--token', 'from-the-flag-123', '--host', '0.0.0.0'], { AGENTOS_HOME: tempDir() });
    expect(t.token).toBe('from-the-flag-123');
    expect(t.stderr()).toMatch(/warning: the web view listens on 0\.0\.0\.0/);
    expect((await fetch(`${t.base}/apps`, { headers: auth(t) })).status).toBe(200);
  });

  it('runs the shipped calculator: 7 + 3 = 10 through the API and the WebSocket, and restores it after a restart', { timeout: 60_000 }, async () => {
    const env = { AGENTOS_HOME: tempDir() };
    const s = await serve([], env);
    const launched = await fetch(`${s.base}/apps/launch`, { method: 'POST', headers: { ...auth(s), 'Content-Type': 'application/json' }, body: '{"app_id":"calculator"}' });
    expect(launched.status).toBe(200);
    const id = (await launched.json()).id as string;
    const ws = new WebSocket(`${s.base.replace('http', 'ws')}/stream`, { headers: auth(s) });
    onCleanup(() => ws.close());
    const acks = new Map<number, unknown>();
    ws.on('message', (d) => {
      const m = JSON.parse(String(d));
      if (m.type === 'ack' || m.type === 'error') acks.set(m.id, m);
    });
    await new Promise((r) => ws.once('open', r));
    let n = 0;
    for (const component of ['btn-7', 'btn-add', 'btn-3', 'btn-equals']) {
      const mid = ++n;
      ws.send(JSON.stringify({ type: 'event', app_id: id, component, event: 'click', id: mid }));
      for (let i = 0; i < 3000 && !acks.has(mid); i++) await new Promise((r) => setTimeout(r, 10));
      expect(acks.get(mid)).toMatchObject({ type: 'ack' });
    }
    const apps = await (await fetch(`${s.base}/services/execute`, { method: 'POST', headers: { ...auth(s), 'Content-Type': 'application/json' }, body: JSON.stringify({ tool_id: 'ui.get', params: { key: 'display' }, app_id: id }) })).json();
    expect(apps.state.display).toBe('10');
    // Stopping saves the session; the next serve restores the calculator with its display.
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.stderr()).toMatch(/session default, autosaved/);
    const again = await serve([], env);
    expect(again.stderr()).toMatch(/session default restored/);
    const running = await (await fetch(`${again.base}/apps`, { headers: auth(again) })).json();
    expect(running.count).toBe(1);
    const restored = running.apps[0].id as string;
    const display = await (await fetch(`${again.base}/services/execute`, { method: 'POST', headers: { ...auth(again), 'Content-Type': 'application/json' }, body: JSON.stringify({ tool_id: 'ui.get', params: { key: 'display' }, app_id: restored }) })).json();
    expect(display.state.display).toBe('10');
    // --fresh starts empty and leaves the saved session alone.
    again.child.kill('SIGTERM');
    await again.exited;
    const fresh = await serve(['--fresh'], env);
    expect((await (await fetch(`${fresh.base}/apps`, { headers: auth(fresh) })).json()).count).toBe(0);
  });

  it('with --no-web runs only the control socket', async () => {
    const env = { AGENTOS_HOME: tempDir() };
    const s = await serve(['--no-web'], env);
    expect(s.url).toBe('');
    expect(JSON.parse(agentos(['status', '--json'], env).stdout).web).toBeNull();
  });

  it('refuses a bad --port and a port in use with one clear line', async () => {
    expect(agentos(['serve', '--port', 'eighty'], { AGENTOS_HOME: tempDir() })).toMatchObject({ code: 2, stderr: expect.stringMatching(/--port takes a number/) });
    const s = await serve([], { AGENTOS_HOME: tempDir() });
    const port = new URL(s.base).port;
    const r = agentos(['serve', '--port', port], { AGENTOS_HOME: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
  });
});
