import { z } from 'zod';
import { HttpError } from '../errors.js';
import { Reply, defineRoute, type Route, type RouteCtx } from '../route.js';
import { SECURITY_HEADERS } from '../security.js';

/** The transport writes the answer itself (JSON, or an event stream); the route only hands over. */
async function toMcp({ req, res, body, web }: RouteCtx): Promise<Reply> {
  if (!web.mcp || !res) throw new HttpError(404, 'ENOENT', 'this server offers no MCP endpoint');
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
  res.setHeader('Cache-Control', 'no-store');
  await web.mcp.handle(req, res, body);
  return new Reply(res.statusCode, null);
}

/**
 * MCP's Streamable HTTP transport at /mcp: the tools of `agentos mcp` on this live desktop.
 * POST carries JSON-RPC (the first one `initialize`), GET opens the stream of server
 * notifications, DELETE ends the session. Behind the token like every other route.
 */
export const mcpRoutes: Route<any>[] = [
  defineRoute({ method: 'POST', path: '/mcp', doc: 'MCP (Streamable HTTP): JSON-RPC to the AgentOS MCP server on this desktop; start with initialize.', body: z.unknown(), handler: toMcp }),
  defineRoute({ method: 'GET', path: '/mcp', doc: 'MCP: the event stream of an MCP session (mcp-session-id header).', handler: toMcp }),
  defineRoute({ method: 'DELETE', path: '/mcp', doc: 'MCP: end an MCP session (mcp-session-id header).', handler: toMcp }),
];
