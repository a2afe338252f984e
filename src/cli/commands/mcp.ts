interface Opts {
  local?: boolean;
}

/**
 * `agentos mcp`: an MCP server on stdin/stdout. Stdout belongs to the protocol, so every
 * line for a person goes to stderr. Runs until the client closes the pipe.
 */
export default async function mcp(opts: Opts): Promise<number> {
  const [{ StdioServerTransport }, { createMcpServer }, { openTarget }, { connectMcp }] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/stdio.js'),
    import('../../mcp/server.js'),
    import('../../mcp/target.js'),
    import('../../mcp/connect.js'),
  ]);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const target = await openTarget({ local: opts.local, log });
  const server = createMcpServer(target);
  const done = new Promise<void>((resolve) => {
    server.onclose = ((prev) => () => {
      prev?.();
      resolve();
    })(server.onclose);
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  await connectMcp(server, new StdioServerTransport());
  log(`agentos: MCP server on stdio (${target.live ? 'the live desktop' : 'a private desktop'})`);
  await done;
  await server.close().catch(() => undefined);
  await target.close();
  // A timer or socket that did not let go must not keep a finished server around.
  setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
  return 0;
}
