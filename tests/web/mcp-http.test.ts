import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { agentWindows } from '../../src/mcp/index.js';
import type { WebServerOptions } from '../../src/web/server.js';
import { shippedDesk } from '../helpers/desk.js';
import { onCleanup } from '../helpers/kernel.js';
import { testServer, WsClient, type TestServer } from './helpers.js';

/** A web server over a desktop with the shipped apps, as `agentos serve` makes it. */
async function server(opts: Partial<WebServerOptions> = {}): Promise<TestServer> {
  const { runtime, registry } = await shippedDesk();
  return testServer({ runtime, catalog: registry, ...opts });
}

async function mcpClient(t: TestServer, headers: Record<string, string> = { Authorization: `Bearer ${t.token}` }): Promise<Client> {
  const client = new Client({ name: 'web-test', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${t.base}/mcp`), { requestInit: { headers } }));
  onCleanup(() => client.close());
  return client;
}

async function tool(c: Client, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const r = (await c.callTool({ name, arguments: args })) as CallToolResult;
  const text = r.content.map((x) => (x.type === 'text' ? x.text : '')).join('');
  if (r.isError) throw new Error(`${name}: ${text}`);
  return JSON.parse(text);
}

const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
const MCP_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

describe('MCP over Streamable HTTP at /mcp', () => {
  it('drives the live desktop: the calculator it launches is in the runtime, computes 10, and is flagged for the browsers', async () => {
    const t = await server();
    const ws = await WsClient.open(t);
    await ws.next((m) => m.type === 'desktop');
    const c = await mcpClient(t);

    const names = (await c.listTools()).tools.map((x) => x.name);
    expect(names).toEqual(expect.arrayContaining(['list_apps', 'launch_app', 'send_event', 'app_state', 'read_screen']));
    expect(await tool(c, 'launch_app', { id: 'calculator' })).toMatchObject({ id: 'calculator' });
    for (const component of ['btn-7', 'btn-add', 'btn-3', 'btn-equals']) await tool(c, 'send_event', { id: 'calculator', component, event: 'click' });
    expect((await tool(c, 'app_state', { id: 'calculator' })).state.display).toBe('10');

    // The web view's own runtime: what the browser shows.
    expect(t.runtime.getSnapshot().apps.calculator?.state.display).toBe('10');
    expect(agentWindows(t.runtime).has('calculator')).toBe(true);
    // Browsers connected before get the flag in a patch; ones connecting after, in the desktop.
    await ws.next((m) => m.type === 'patch' && m.windows?.calculator?.agent === true);
    // A window the user opens is not the agent's.
    expect((await t.api('POST', '/apps/launch', { app_id: 'notes' })).status).toBe(200);
    const later = await WsClient.open(t);
    const desktop = (await later.next((m) => m.type === 'desktop')).desktop;
    expect(desktop.windows.calculator.agent).toBe(true);
    expect(Object.keys(desktop.windows)).toContain('notes');
    expect(desktop.windows.notes.agent).toBeUndefined();

    // Closing the web server ends the MCP sessions.
    expect(t.web.context.mcp!.sessions()).toBe(1);
    await t.web.close();
    expect(t.web.context.mcp!.sessions()).toBe(0);
  });

  it('needs the token (401), refuses another site (403), unknown sessions (404), big bodies (413)', async () => {
    const t = await server({ maxBodyBytes: 16 * 1024 });
    const post = (body: unknown, headers: Record<string, string>) => fetch(`${t.base}/mcp`, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const auth = { Authorization: `Bearer ${t.token}` };

    expect((await post(INIT, {})).status).toBe(401);
    expect((await post(INIT, { Authorization: 'Bearer wrong' })).status).toBe(401);
    await expect(mcpClient(t, {})).rejects.toThrow();
    expect((await post(INIT, { ...auth, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await fetch(`${t.base}/mcp`, { method: 'DELETE', headers: { ...auth, Origin: 'http://evil.example', 'mcp-session-id': 'x' } })).status).toBe(403);
    expect((await post(INIT, { ...auth, 'mcp-session-id': 'no-such-session' })).status).toBe(404);
    expect((await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, auth)).status).toBe(400);
    expect((await post('x'.repeat(20 * 1024), auth)).status).toBe(413);
    expect(t.web.context.mcp!.sessions()).toBe(0);

    // With the token and no Origin (a script), or this server's own Origin, a session starts.
    const ok = await post(INIT, { ...auth, Origin: t.base });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('mcp-session-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    await ok.body?.cancel();
    expect(t.web.context.mcp!.sessions()).toBe(1);
  });

  it('is rate limited like every other request', async () => {
    const t = await server({ rateLimit: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await fetch(`${t.base}/mcp`, { method: 'POST', headers: { ...MCP_HEADERS, Authorization: `Bearer ${t.token}` }, body: '{}' })).status);
    expect(statuses).toContain(429);
  });
});
