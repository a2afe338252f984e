import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Desk } from '../mcp/ops.js';
import { HttpError } from './errors.js';

/** Sessions kept at once; a new one past this closes the oldest (clients often never say goodbye). */
export const MAX_MCP_SESSIONS = 32;

/**
 * The MCP server at `/mcp`, over the Streamable HTTP transport: the same tools as
 * `agentos mcp`, acting on this web view's live desktop. Each client gets a session (the
 * `mcp-session-id` header) with its own server; the token, Host, Origin, rate and body
 * checks are the web server's, done before a request gets here. The MCP SDK loads on the
 * first session, so a web view nobody drives never loads it.
 */
export interface McpEndpoint {
  /** One request; `body` is a POST's JSON, already read within the body limit. */
  handle(req: IncomingMessage, res: ServerResponse, body?: unknown): Promise<void>;
  /** Open sessions (for /health and tests). */
  sessions(): number;
  /** Close every session (the web server is stopping). */
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  server: Server;
}

export function mcpEndpoint(desk: Desk): McpEndpoint {
  const sessions = new Map<string, Session>();
  let closed = false;

  const end = async (s: Session) => {
    if (s.transport.sessionId) sessions.delete(s.transport.sessionId);
    await s.server.close().catch(() => undefined);
  };

  async function open(req: IncomingMessage, res: ServerResponse, body: unknown) {
    const [{ StreamableHTTPServerTransport }, { isInitializeRequest }, { createMcpServer }, { deskTarget }, { connectMcp }] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
      import('@modelcontextprotocol/sdk/types.js'),
      import('../mcp/server.js'),
      import('../mcp/target.js'),
      import('../mcp/connect.js'),
    ]);
    if (req.method !== 'POST' || !isInitializeRequest(body)) {
      throw new HttpError(400, 'EINVAL', 'an MCP session starts with a POST of "initialize"; later requests carry the mcp-session-id header its answer set');
    }
    const session: Session = {
      transport: new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void sessions.set(id, session),
        onsessionclosed: (id) => void sessions.delete(id),
      }),
      server: createMcpServer(await deskTarget(desk)),
    };
    session.transport.onclose = () => {
      if (session.transport.sessionId) sessions.delete(session.transport.sessionId);
    };
    await connectMcp(session.server, session.transport);
    if (sessions.size >= MAX_MCP_SESSIONS) await end(sessions.values().next().value!);
    await session.transport.handleRequest(req, res, body);
    // An initialize the transport refused made no session: nothing will reach this server again.
    if (!session.transport.sessionId || !sessions.has(session.transport.sessionId)) await end(session);
  }

  return {
    async handle(req, res, body) {
      if (closed) throw new HttpError(503, 'EAGAIN', 'the web server is stopping');
      const id = req.headers['mcp-session-id'];
      if (id === undefined) return open(req, res, body);
      const s = typeof id === 'string' ? sessions.get(id) : undefined;
      // 404 tells an MCP client to start a new session (the spec's answer to an expired one).
      if (!s) throw new HttpError(404, 'ENOENT', 'no such MCP session (it ended, or this server restarted); start a new one with "initialize"');
      await s.transport.handleRequest(req, res, body);
    },
    sessions: () => sessions.size,
    async close() {
      closed = true;
      await Promise.all([...sessions.values()].map(end));
    },
  };
}
