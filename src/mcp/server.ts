import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { DOCS } from '../docs/index.js';
import { KernelError } from '../kernel/errors.js';
import { VERSION } from '../version.js';
import type { McpTarget } from './target.js';
import { TOOLS, toolByName } from './tools.js';

const APP_URI = 'agentos://apps/';
const DOC_URI = 'agentos://docs/';
/** The documents offered as resources (the rest of DOCS is for people at a keyboard). */
const DOC_FILES = ['docs/SYSCALLS.md', 'docs/BLUEPRINT.md'];

/** Tool input schemas as JSON Schema, made once from the zod args. */
const TOOL_LIST = TOOLS.map((t) => ({
  name: t.name,
  description: t.description,
  inputSchema: z.toJSONSchema(t.args, { io: 'input', unrepresentable: 'any' }) as { type: 'object'; [k: string]: unknown },
}));

/** A failure as the one line the kernel (or the generator) gave it. */
function oneLine(e: unknown): string {
  if (e instanceof KernelError) return e.message.startsWith(e.code) ? e.message : `${e.code}: ${e.message}`;
  const code = (e as { code?: unknown })?.code;
  const message = e instanceof Error ? e.message : String(e);
  return typeof code === 'string' && !message.startsWith(code) ? `${code}: ${message}` : message;
}

const text = (value: unknown): CallToolResult => ({ content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value ?? null, null, 1) }] });

/**
 * The AgentOS MCP server over a desktop (live or private). Connect it to any transport: stdio
 * for `agentos mcp`, Streamable HTTP for the web server's `/mcp`:
 *
 *   const server = createMcpServer(await openTarget());
 *   await server.connect(new StdioServerTransport());
 */
export function createMcpServer(target: McpTarget): Server {
  const server = new Server(
    { name: 'agentos', version: VERSION },
    {
      capabilities: { tools: {}, resources: { listChanged: true }, logging: {} },
      instructions:
        'AgentOS: a desktop of Blueprint apps. list_apps, launch_app, then app_state to see components and send_event to drive them (e.g. click "btn-7"); read_screen shows the window as text.',
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: TOOL_LIST }));

  server.setRequestHandler(CallToolRequestSchema, async (req) => {
    const t = toolByName.get(req.params.name);
    if (!t) throw new McpError(ErrorCode.InvalidParams, `unknown tool "${req.params.name}"; tools: ${TOOLS.map((x) => x.name).join(', ')}`);
    const parsed = t.args.safeParse(req.params.arguments ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new McpError(ErrorCode.InvalidParams, `${t.name}: ${issue.path.join('.') || 'arguments'}: ${issue.message}`);
    }
    let result: CallToolResult;
    try {
      result = text(await t.run(target, parsed.data));
    } catch (e) {
      result = { isError: true, content: [{ type: 'text', text: oneLine(e) }] };
    }
    // Counted in the desktop's kernel metrics; a lost count never fails the call.
    target.call('count', { tool: t.name, ok: !result.isError }).catch(() => undefined);
    return result;
  });

  server.setRequestHandler(ListResourcesRequestSchema, async () => {
    const apps = await target.call<{ id: string; name: string; description?: string }[]>('apps');
    return {
      resources: [
        ...apps.map((a) => ({ uri: `${APP_URI}${a.id}`, name: a.id, title: a.name, description: a.description, mimeType: 'application/json' })),
        ...DOC_FILES.map((f) => ({ uri: `${DOC_URI}${f.slice(5)}`, name: f.slice(5), mimeType: 'text/markdown' })),
      ],
    };
  });

  server.setRequestHandler(ReadResourceRequestSchema, async (req) => {
    const uri = req.params.uri;
    if (uri.startsWith(APP_URI)) {
      try {
        return { contents: [{ uri, mimeType: 'application/json', text: await target.call<string>('blueprint', { id: uri.slice(APP_URI.length) }) }] };
      } catch (e) {
        throw new McpError(ErrorCode.InvalidParams, oneLine(e));
      }
    }
    const doc = DOCS.find((d) => DOC_FILES.includes(d.file) && `${DOC_URI}${d.file.slice(5)}` === uri);
    if (!doc) throw new McpError(ErrorCode.InvalidParams, `no resource ${uri}; resources/list shows them`);
    return { contents: [{ uri, mimeType: 'text/markdown', text: await doc.render() }] };
  });

  const stop = target.watch(() => {
    void server.sendResourceListChanged().catch(() => undefined);
    void target
      .call('windows')
      .then((windows) => server.sendLoggingMessage({ level: 'info', logger: 'agentos.windows', data: { windows } }))
      .catch(() => undefined);
  });
  const closed = server.onclose;
  server.onclose = () => {
    stop();
    closed?.();
  };
  return server;
}
