import { defineMethod, type AttachMethod } from '../kernel/attach/protocol.js';
import type { Kernel } from '../kernel/kernel.js';
import type { AppRegistry } from '../runtime/registry/registry.js';
import type { Runtime } from '../runtime/runtime.js';
import { OPS, runOp, type Desk, type OpName } from './ops.js';

/**
 * Lets `agentos mcp` act on this process's desktop over the control socket (`mcp.launch`,
 * `mcp.event`...), so the user watches what the agent does. The process that owns the live
 * kernel calls it once after starting its attach server:
 *
 *   registerMcpMethods(attach, kernel, runtime, registry);   // `serve --no-web` has neither
 *
 * Without a runtime, one (with the registry's apps) is made on the first call that needs it;
 * without a registry, the data dir's is opened then.
 */
export function registerMcpMethods(target: { registerMethod(m: AttachMethod): void }, kernel: Kernel, runtime?: Runtime, registry?: AppRegistry): void {
  let desk: Promise<Desk> | undefined;
  const open = () => (desk ??= openDesk(kernel, runtime, registry));
  for (const name of Object.keys(OPS) as OpName[]) {
    target.registerMethod(
      defineMethod({
        name: `mcp.${name}`,
        doc: `MCP: the ${name} operation of \`agentos mcp\` on this desktop.`,
        params: OPS[name].params,
        run: async (_ctx, params) => runOp(await open(), name, params),
      }),
    );
  }
}

async function openDesk(kernel: Kernel, given?: Runtime, known?: AppRegistry): Promise<Desk> {
  const [{ openRegistry, appRuntimeOptions }, { createRuntime }] = await Promise.all([import('../runtime/registry/open.js'), import('../runtime/runtime.js')]);
  const registry = known ?? (await openRegistry(kernel)).registry;
  const runtime = given ?? createRuntime({ kernel, ...appRuntimeOptions(registry) });
  return { kernel, runtime, registry };
}
