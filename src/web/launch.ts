import { readSettings } from '../config/config.js';
import { places } from '../config/paths.js';
import { KernelError } from '../kernel/errors.js';
import type { Kernel } from '../kernel/kernel.js';
import { appRuntimeOptions, openRegistry } from '../runtime/registry/open.js';
import type { AppRegistry } from '../runtime/registry/registry.js';
import { createRuntime, type Runtime } from '../runtime/runtime.js';
import type { SessionsPort } from './context.js';
import { registryPort, sessionsPort } from './ports.js';
import { DEFAULT_PORT, DEFAULT_RATE, startWebServer, type WebServer } from './server.js';

export interface WebViewOptions {
  /** The live desktop; `agentos serve` has none yet and gets a new one (with the registry's apps). */
  runtime?: Runtime;
  /** The app registry the runtime launches from (opened here when not given). */
  registry?: AppRegistry;
  sessions?: SessionsPort;
  port?: number | string;
  host?: string;
  token?: string;
  /** False when the terminal desktop runs the terminal windows' ptys. */
  spawnTerminals?: boolean;
  /** Where the lines for the user go (default stderr). */
  log?: (line: string) => void;
}

export interface WebView {
  server: WebServer;
  runtime: Runtime;
  /** Stop the web server (and the runtime when this made it). */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * The web view of a live desktop, as `agentos serve` and `agentos shell --web` start it:
 * port and rate limit from `agentos config` unless given, the token from AGENTOS_TOKEN or
 * new, the login URL printed, `kernel.info.web` set for `agentos status`. Loaded only by
 * those two commands (a dynamic import), so one-shot commands never load the web server.
 */
export async function startWebView(kernel: Kernel, opts: WebViewOptions = {}): Promise<WebView> {
  const p = places();
  const settings = readSettings(p.config);
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let registry = opts.registry;
  if (!registry) {
    const opened = await openRegistry(kernel);
    registry = opened.registry;
    for (const pr of opened.problems) log(`agentos: ${pr.text} (skipped)`);
  }
  const ownRuntime = !opts.runtime;
  const runtime =
    opts.runtime ??
    createRuntime({
      kernel,
      ...appRuntimeOptions(registry),
      generator: async (prompt) => {
        const [{ generateBlueprint }, { currentChoice }] = await Promise.all([import('../ai/generate.js'), import('./generator.js')]);
        return (await generateBlueprint(prompt, { choice: currentChoice() })).blueprint;
      },
    });
  if (opts.port !== undefined && !/^\d{1,5}$/.test(String(opts.port))) throw new KernelError('EINVAL', `--port takes a number from 0 to 65535, not "${opts.port}"`);
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) log(`agentos: warning: the web view listens on ${host}, reachable from other machines; anyone with the token controls this desktop`);
  let server: WebServer;
  try {
    server = await startWebServer({
      runtime,
      catalog: registry,
      registry: registryPort(registry),
      sessions: opts.sessions ?? sessionsPort(runtime),
      host,
      port: opts.port === undefined ? (settings['web.port'] ?? DEFAULT_PORT) : Number(opts.port),
      token: opts.token,
      rateLimit: settings['web.rateLimit'] ?? DEFAULT_RATE,
      spawnTerminals: opts.spawnTerminals ?? true,
    });
  } catch (e) {
    if (ownRuntime) await runtime.shutdown();
    throw e;
  }
  kernel.info.web = server.loginUrl;
  log(`agentos: web view at ${server.loginUrl}`);
  return {
    server,
    runtime,
    async close() {
      delete kernel.info.web;
      await server.close();
      if (ownRuntime) await runtime.shutdown();
    },
  };
}
