/**
 * AgentOS as a Model Context Protocol server: other agents open, read and drive apps,
 * generate new ones and make sandboxed syscalls, on the live desktop when one runs.
 *
 *   const target = await openTarget();                 // live over the control socket, or private
 *   await connectMcp(createMcpServer(target), transport); // stdio (`agentos mcp`) or Streamable HTTP (/mcp)
 *
 * The process that owns a live desktop calls `registerMcpMethods(attach, kernel, runtime)`.
 */
export { createMcpServer } from './server.js';
export { connectMcp } from './connect.js';
export { openTarget, privateTarget, liveTarget, deskTarget, type McpTarget } from './target.js';
export { registerMcpMethods } from './live-methods.js';
export { agentWindows, type Desk } from './ops.js';
export { TOOLS, type McpTool } from './tools.js';
