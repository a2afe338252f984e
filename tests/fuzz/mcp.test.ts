import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectMcp, createMcpServer, deskTarget, TOOLS, type Desk } from '../../src/mcp/index.js';
import { shippedDesk } from '../helpers/desk.js';
import { onCleanup } from '../helpers/kernel.js';
import { FUZZ_RUNS, withTimeout } from './helpers.js';

/**
 * Random JSON-RPC requests straight into the MCP server (past any client-side checks):
 * each request gets exactly one answer, a result or an error with a one-line message; a
 * refused tool call changes nothing on the desktop; the server keeps answering.
 */
const RUNS = Math.max(40, Math.round(FUZZ_RUNS / 4));

/** Syscalls that would wait on purpose or reach outside the temp home: their own tests cover them. */
const SLOW_OR_OUTSIDE = /^(proc|pty|net|socket)\.|^fs\.(mount|watch)$|^time\.sleep$|^(pipe\.read|queue\.receive)$/;

const ARG_NAMES = ['id', 'component', 'event', 'value', 'width', 'height', 'prompt', 'launch', 'name', 'args', 'path', '__proto__'];
const argValue = fc.oneof(
  fc.constantFrom('calculator', 'btn-7', 'btn-equals', 'click', 'change', 'display', '', 'fs.read', 'fs.stat', 'time.now', 'sys.info', '/home/a.txt', '/etc/passwd', '../..', 'x'.repeat(5000)),
  fc.jsonValue({ maxDepth: 2 }),
);
const toolCall = fc.record({
  name: fc.oneof(fc.constantFrom(...TOOLS.map((t) => t.name)), fc.string({ maxLength: 12 })),
  arguments: fc.oneof(fc.dictionary(fc.constantFrom(...ARG_NAMES), argValue, { maxKeys: 4 }), fc.jsonValue({ maxDepth: 2 })),
});
const request = fc.oneof(
  toolCall.map((params) => ({ method: 'tools/call', params })),
  fc.record({ method: fc.constantFrom('tools/list', 'resources/list', 'resources/read', 'resources/templates/list', 'prompts/list', 'ping', 'completion/complete', 'logging/setLevel', 'nope', ''), params: fc.oneof(fc.constant(undefined), fc.dictionary(fc.constantFrom('uri', 'name', 'level', 'cursor', 'ref'), argValue, { maxKeys: 2 }), fc.jsonValue({ maxDepth: 2 })) }),
);


/** A raw JSON-RPC peer of the server: send a request, wait for the answer with its id. */
async function rawPeer(d: Desk) {
  const [server, client] = InMemoryTransport.createLinkedPair();
  await connectMcp(createMcpServer(await deskTarget(d)), server);
  const answers = new Map<number | string, JSONRPCMessage[]>();
  const waiting = new Map<number | string, () => void>();
  client.onmessage = (m) => {
    if (!('id' in m) || m.id === undefined || 'method' in m) return;
    const list = answers.get(m.id) ?? [];
    list.push(m);
    answers.set(m.id, list);
    waiting.get(m.id)?.();
  };
  await client.start();
  onCleanup(() => client.close());
  let next = 0;
  const ask = async (method: string, params?: unknown): Promise<JSONRPCMessage> => {
    const id = ++next;
    const got = new Promise<void>((r) => waiting.set(id, r));
    await client.send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) } as JSONRPCMessage);
    await withTimeout(got, 10_000, `${method} ${JSON.stringify(params)?.slice(0, 200)}`);
    // Exactly one answer, even if something answered twice a moment later.
    await new Promise((r) => setImmediate(r));
    expect(answers.get(id), method).toHaveLength(1);
    return answers.get(id)![0]!;
  };
  await ask('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'fuzz', version: '1' } });
  await client.send({ jsonrpc: '2.0', method: 'notifications/initialized' } as JSONRPCMessage);
  return ask;
}

const desktopOf = (d: Desk) => {
  const s = d.runtime.getSnapshot();
  return JSON.stringify({ apps: Object.keys(s.apps), state: Object.values(s.apps).map((a) => a.state), windows: s.windows, stack: s.stack });
};

describe('the MCP server under random requests', () => {
  it('answers each request once, with one clear line when refused, and refusals change nothing', { timeout: 120_000 }, async () => {
    const d: Desk = await shippedDesk();
    await d.runtime.launchApp('calculator');
    const ask = await rawPeer(d);
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const p = r.params as { name?: unknown; arguments?: { name?: unknown } } | undefined;
        fc.pre(!(r.method === 'tools/call' && p?.name === 'syscall' && typeof p.arguments?.name === 'string' && SLOW_OR_OUTSIDE.test(p.arguments.name)));
        const before = desktopOf(d);
        const answer = (await ask(r.method, r.params)) as { error?: { message: unknown }; result?: { isError?: boolean; content?: { type: string; text?: string }[] } };
        const refused = answer.error !== undefined || answer.result?.isError === true;
        if (answer.error) {
          expect(typeof answer.error.message).toBe('string');
          expect(answer.error.message, r.method).not.toMatch(/\s+at .+:\d+:\d+/);
        }
        if (answer.result?.isError) {
          const text = answer.result.content?.map((c) => c.text ?? '').join('') ?? '';
          expect(text.length, JSON.stringify(r)).toBeGreaterThan(0);
          expect(text, JSON.stringify(r)).not.toMatch(/\s+at .+:\d+:\d+/);
        }
        if (refused) expect(desktopOf(d), JSON.stringify(r)).toBe(before);
      }),
      { numRuns: RUNS },
    );
    expect(await ask('ping')).toMatchObject({ result: {} });
  });
});
