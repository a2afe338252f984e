import { existsSync } from 'node:fs';
import { places } from '../config/paths.js';
import { attachPlace, connect, type AttachClient } from '../kernel/attach/client.js';
import { KernelError } from '../kernel/errors.js';
import type { Desk, OpName } from './ops.js';

/** What an MCP server drives: a desktop's operations, wherever that desktop runs. */
export interface McpTarget {
  /** True when this is a live desktop (the user sees what the agent does). */
  readonly live: boolean;
  call<R = unknown>(op: OpName, params?: Record<string, unknown>): Promise<R>;
  /** `changed` runs when windows open or close; returns a stop function. */
  watch(changed: () => void): () => void;
  close(): Promise<void>;
}

/** A desktop in this process (a private kernel and runtime, or a test's). */
export async function deskTarget(desk: Desk, close: () => Promise<void> = async () => undefined): Promise<McpTarget> {
  const { runOp } = await import('./ops.js');
  return {
    live: false,
    call: async <R>(op: OpName, params?: Record<string, unknown>) => (await runOp(desk, op, params)) as R,
    watch(changed) {
      let last = desk.runtime.getSnapshot().stack.join('\n');
      return desk.runtime.subscribe((s) => {
        const now = s.stack.join('\n');
        if (now !== last) {
          last = now;
          changed();
        }
      });
    },
    close,
  };
}

/** How often a live desktop's windows are polled: the socket answers, it does not push. */
const POLL_MS = 500;

/** A live desktop over its control socket; undefined when it does not answer `mcp.*`. */
export async function liveTarget(client: AttachClient): Promise<McpTarget | undefined> {
  try {
    await client.call('mcp.windows', {});
  } catch (e) {
    if (e instanceof KernelError && e.code === 'ENOSYS') return undefined;
    throw e;
  }
  const call = <R>(op: OpName, params?: Record<string, unknown>) => client.call<R>(`mcp.${op}`, params ?? {});
  return {
    live: true,
    call,
    watch(changed) {
      let last: string | undefined;
      const timer = setInterval(() => {
        call<{ id: string }[]>('windows')
          .then((ws) => {
            const now = ws.map((w) => w.id).join('\n');
            if (last !== undefined && now !== last) changed();
            last = now;
          })
          .catch(() => undefined);
      }, POLL_MS);
      timer.unref();
      return () => clearInterval(timer);
    },
    close: async () => client.close(),
  };
}

/** A private kernel, registry (shipped and saved apps) and runtime for this server alone. */
export async function privateTarget(log?: (line: string) => void): Promise<McpTarget> {
  const [{ bootKernel }, { openRegistry, appRuntimeOptions }, { createRuntime }] = await Promise.all([
    import('../cli/local-kernel.js'),
    import('../runtime/registry/open.js'),
    import('../runtime/runtime.js'),
  ]);
  const kernel = bootKernel();
  const { registry, problems } = await openRegistry(kernel);
  for (const p of problems) log?.(`agentos: ${p.text} (skipped)`);
  const runtime = createRuntime({ kernel, ...appRuntimeOptions(registry) });
  return deskTarget({ kernel, runtime, registry }, async () => {
    await runtime.shutdown().catch(() => undefined);
    await kernel.shutdown();
  });
}

/** The live desktop when one runs and answers MCP, else a private one. */
export async function openTarget(opts: { local?: boolean; log?: (line: string) => void } = {}): Promise<McpTarget> {
  const { socket } = attachPlace(places().runtime);
  if (!opts.local && existsSync(socket)) {
    // A stale socket (nobody listening) means no live kernel.
    const client = await connect(socket);
    if (client) {
      const t = await liveTarget(client);
      if (t) return t;
      client.close();
      opts.log?.('agentos: the running kernel has no desktop for MCP (`agentos serve` or `agentos shell` add one); using a private desktop');
    }
  }
  return privateTarget(opts.log);
}
