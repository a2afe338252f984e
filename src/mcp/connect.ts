import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, JSONRPCRequestSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

type Id = string | number;
const isId = (v: unknown): v is Id => typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));

/**
 * Connect the MCP server to a transport so that every malformed request is answered, as
 * JSON-RPC 2.0 asks: the SDK drops a message that is not a valid request (`params: false`,
 * a bad `jsonrpc`, a line that is not JSON) and the client would wait forever. A message
 * with an id that is not a valid request gets Invalid Request with that id; a line the
 * transport could not read gets Parse Error (or Invalid Request) with id null.
 */
export async function connectMcp(server: Server, transport: Transport): Promise<void> {
  await server.connect(transport);
  const onmessage = transport.onmessage;
  transport.onmessage = (message, extra) => {
    const m = message as Record<string, unknown>;
    if (typeof m === 'object' && m !== null && 'method' in m && isId(m.id)) {
      const parsed = JSONRPCRequestSchema.safeParse(m);
      if (!parsed.success) return void answer(transport, m.id, ErrorCode.InvalidRequest, `Invalid Request: ${parsed.error.issues[0]?.path.join('.') || 'message'}: ${parsed.error.issues[0]?.message}`);
    }
    onmessage?.(message, extra);
  };
  const onerror = transport.onerror;
  transport.onerror = (e) => {
    // What stdio's reader throws for a line it cannot use: not JSON, or not a JSON-RPC message.
    if (e instanceof SyntaxError) answer(transport, null, ErrorCode.ParseError, `Parse error: ${e.message}`);
    else if ((e as { name?: string }).name === 'ZodError') answer(transport, null, ErrorCode.InvalidRequest, 'Invalid Request: not a JSON-RPC 2.0 message');
    onerror?.(e);
  };
}

function answer(transport: Transport, id: Id | null, code: number, message: string) {
  void transport.send({ jsonrpc: '2.0', id, error: { code, message } } as unknown as JSONRPCMessage).catch(() => undefined);
}
