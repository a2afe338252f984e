import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { LoggingMessageNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { MethodTable } from '../../src/kernel/attach/protocol.js';
import { callMethod } from '../../src/kernel/attach/server.js';
import { agentWindows, createMcpServer, deskTarget, registerMcpMethods, type Desk } from '../../src/mcp/index.js';
import { shippedDesk } from '../helpers/desk.js';
import { onCleanup } from '../helpers/kernel.js';

const desk = (): Promise<Desk> => shippedDesk();

async function connected(d: Desk): Promise<Client> {
  const [a, b] = InMemoryTransport.createLinkedPair();
  await createMcpServer(await deskTarget(d)).connect(a);
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(b);
  onCleanup(() => client.close());
  return client;
}

const text = (r: unknown) => (r as CallToolResult).content.map((c) => (c.type === 'text' ? c.text : '')).join('');

describe('the MCP server over an in-process desktop', () => {
  it('drives the calculator, marks the window as agent-driven, counts calls and tells the client about new windows', async () => {
    const d = await desk();
    const c = await connected(d);
    const logged: unknown[] = [];
    c.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logged.push(n.params.data));

    await c.callTool({ name: 'launch_app', arguments: { id: 'calculator' } });
    for (const component of ['btn-7', 'btn-add', 'btn-3', 'btn-equals']) await c.callTool({ name: 'send_event', arguments: { id: 'calculator', component, event: 'click' } });
    expect(d.runtime.getSnapshot().apps.calculator!.state.display).toBe('10');
    expect(agentWindows(d.runtime).has('calculator')).toBe(true);
    expect(text(await c.callTool({ name: 'read_screen', arguments: { id: 'calculator', width: 30 } }))).toContain('[agent]');

    await new Promise((r) => setTimeout(r, 20));
    expect(logged).toContainEqual({ windows: [expect.objectContaining({ id: 'calculator' })] });
    expect(d.kernel.metrics.counters.get('mcp_tool_calls')).toBe(6);
    expect(d.kernel.metrics.counters.get('mcp_tool_calls_send_event')).toBe(4);
  });

  it('runs syscalls as a STANDARD `mcp` process: denials are tool errors counted by the kernel', async () => {
    const d = await desk();
    const c = await connected(d);
    const before = d.kernel.metrics.denials;
    const r = (await c.callTool({ name: 'syscall', arguments: { name: 'fs.write', args: { path: '/apps/x.bp', content: 'x' } } })) as CallToolResult;
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^EACCES: /);
    expect(d.kernel.metrics.denials).toBe(before + 1);
    const mcp = d.kernel.procs.list().find((p) => p.kind === 'mcp')!;
    expect(mcp).toMatchObject({ name: 'mcp', profile: 'STANDARD', ppid: d.kernel.userPid });
    await new Promise((r) => setTimeout(r, 20));
    expect(d.kernel.metrics.counters.get('mcp_tool_errors')).toBe(1);
  });

  it('registers the same operations as control-socket methods for a live desktop', async () => {
    const d = await desk();
    const table = new MethodTable();
    registerMcpMethods({ registerMethod: (m) => table.register(m) }, d.kernel, d.runtime);
    const ctx = { kernel: d.kernel, pid: d.kernel.userPid };
    await callMethod(table, ctx, 'mcp.launch', { id: 'calculator' });
    await callMethod(table, ctx, 'mcp.event', { id: 'calculator', component: 'btn-7', event: 'click' });
    expect(d.runtime.getSnapshot().apps.calculator!.state.display).toBe('7');
    expect(await callMethod(table, ctx, 'mcp.windows', {})).toEqual([expect.objectContaining({ id: 'calculator', agent: true })]);
    await expect(callMethod(table, ctx, 'mcp.state', { id: 'nope' })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
