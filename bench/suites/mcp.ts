import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { round, stats, timeAsync, type Suite } from '../harness.js';

/**
 * mcp_tool_call_ms: one `send_event` tool call from an MCP client to `agentos mcp` over
 * stdio and back (JSON-RPC both ways, the tool table, the runtime's event), on a private
 * desktop with the calculator open.
 */
export const mcpToolCall: Suite = {
  name: 'mcp_tool_call_ms',
  issue: 9,
  async run() {
    const home = mkdtempSync(path.join(os.tmpdir(), 'agentos-bench-'));
    const client = new Client({ name: 'agentos-bench', version: '1' });
    try {
      await client.connect(
        new StdioClientTransport({ command: process.execPath, args: [path.resolve('bin/agentos.js'), 'mcp', '--local'], env: { PATH: process.env.PATH ?? '', AGENTOS_HOME: home }, stderr: 'ignore' }),
      );
      await client.callTool({ name: 'launch_app', arguments: { id: 'calculator' } });
      let n = 0;
      const click = (component: string) => client.callTool({ name: 'send_event', arguments: { id: 'calculator', component, event: 'click' } });
      const us = await timeAsync(2_000, async () => {
        // Keep the display short so every sample does the same work.
        await click(++n % 8 === 0 ? 'btn-clear' : 'btn-7');
      }, 200);
      const s = stats(us.map((u) => u / 1000));
      return { send_event: { p50: round(s.p50), p99: round(s.p99), mean: round(s.mean), n: s.n }, goal: 'p99 <= 5 ms' };
    } finally {
      await client.close().catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    }
  },
};
