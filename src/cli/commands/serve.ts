import os from 'node:os';
import { places } from '../../config/paths.js';
import { startAttachServer, type AttachServer } from '../../kernel/attach/server.js';
import { KernelError } from '../../kernel/errors.js';
import { ExitError, UsageError } from '../errors.js';
import { bootKernel } from '../local-kernel.js';

interface Opts {
  session?: string;
  fresh?: boolean;
  /** false with --no-web. */
  web?: boolean;
  port?: string;
  host?: string;
  token?: string;
}

const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/** The kernel without a terminal: one-shot commands, agents and (with the web issue) browsers attach to it. */
export default async function serve(opts: Opts): Promise<number> {
  if (opts.port !== undefined && !/^\d{1,5}$/.test(opts.port)) throw new UsageError(`--port takes a number from 0 to 65535 (0 picks a free port), not "${opts.port}"`);
  if (opts.token !== undefined && opts.token.length < 8) throw new UsageError('--token must be at least 8 characters (or leave it out for a random one)');
  const kernel = bootKernel();
  let attach: AttachServer;
  try {
    attach = await startAttachServer(kernel, { dir: places().runtime });
  } catch (e) {
    await kernel.shutdown();
    if (e instanceof KernelError && e.code === 'EADDRINUSE') throw new ExitError(e.message, 1);
    throw e;
  }
  let web: { close(): Promise<void>; runtime?: import('../../runtime/runtime.js').Runtime } | undefined;
  if (opts.web !== false) {
    try {
      // Loaded only here: one-shot commands never load the web server or the runtime.
      web = await (await import('../../web/launch.js')).startWebView(kernel, { port: opts.port, host: opts.host, token: opts.token });
    } catch (e) {
      await attach.close();
      await kernel.shutdown();
      if (e instanceof KernelError && (e.code === 'EADDRINUSE' || e.code === 'EINVAL')) throw new ExitError(e.message, 1);
      throw e;
    }
    attach.publish();
  }
  // The web view's desktop comes back as the terminal desktop's does: the last session (or
  // --session NAME), autosaved every session.autosaveSeconds and once more on stop.
  let session: import('../../runtime/sessions/index.js').DesktopSession | undefined;
  let saveProblem: string | undefined;
  if (web?.runtime) {
    const { openDesktopSession } = await import('../../runtime/sessions/index.js');
    session = await openDesktopSession(web.runtime, { name: opts.session, fresh: opts.fresh, onError: (e) => (saveProblem = (e as Error).message) });
    for (const w of session.warnings) process.stderr.write(`agentos: ${w}\n`);
    process.stderr.write(`agentos: session ${session.name}${session.restored ? ' restored' : ''}, autosaved\n`);
  }
  // `agentos mcp` acts on this desktop (the web view's; with --no-web one is made on first use).
  (await import('../../mcp/live-methods.js')).registerMcpMethods(attach, kernel, web?.runtime);
  process.stderr.write(`agentos: kernel listening on ${attach.socket} (pid ${process.pid}); stop with Ctrl+C or \`kill ${process.pid}\`\n`);

  const signal = await stopSignal();
  process.stderr.write(`agentos: ${signal}: stopping\n`);
  // Saved before the web view closes its runtime: closing the apps would empty the workspace.
  await session?.close();
  if (saveProblem) process.stderr.write(`agentos: could not save session ${session!.name}: ${saveProblem}\n`);
  await web?.close();
  await attach.close();
  await kernel.shutdown();
  // Whatever a subsystem forgot to release must not keep a stopped server around.
  setTimeout(() => process.exit(process.exitCode ?? 0), 3000).unref();
  return 0;
}

/** Resolves on the first stop signal; a second one while stopping ends the process at once. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      for (const s of STOP_SIGNALS) {
        process.off(s, stop);
        process.once(s, () => process.exit(128 + os.constants.signals[s]));
      }
      resolve(signal);
    };
    for (const s of STOP_SIGNALS) process.on(s, stop);
  });
}
