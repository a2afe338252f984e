import type { Kernel } from '../../kernel/kernel.js';
import type { Process } from '../../kernel/proc/table.js';
import type { Grant } from '../../kernel/sandbox/capabilities.js';
import type { RuntimeOptions } from '../core.js';
import { PREBUILT_TOOLS } from '../tools/prebuilt/index.js';
import { AppRegistry, type RegistryOptions } from './registry.js';
import type { RegistryProblem, Syscaller } from './types.js';

/** Syscalls as one process of an in-process kernel. */
export const kernelSyscaller = (kernel: Kernel, pid: number): Syscaller => ({
  syscall: (name, args) => kernel.syscall(pid, name, args ?? {}),
});

/** What the registry's own process may touch: the shipped apps (read) and the user's apps. */
function registryGrants(shipped: string, user: string): Grant[] {
  const read = [`${shipped}/**`, `${user}/**`];
  const write = [`${user}/**`];
  return [
    { cap: 'READ_FILE', scope: read },
    { cap: 'LIST_DIRECTORY', scope: read },
    { cap: 'WRITE_FILE', scope: write },
    { cap: 'CREATE_FILE', scope: write },
    { cap: 'DELETE_FILE', scope: write },
  ];
}

export interface OpenedRegistry {
  registry: AppRegistry;
  /** Files that were skipped, one line each (print them; they are not fatal). */
  problems: RegistryProblem[];
  /** The registry's service process (its syscalls show under this pid). */
  process: Process;
}

/**
 * The registry of a desktop: a `registry` service process holding only the grants it needs,
 * seeded from /apps and /home/apps.
 *
 *   const { registry, problems } = await openRegistry(kernel);
 *   for (const p of problems) console.error(`agentos: ${p.text} (skipped)`);
 *   const runtime = createRuntime({ kernel, ...appRuntimeOptions(registry) });
 */
export async function openRegistry(kernel: Kernel, opts: RegistryOptions = {}): Promise<OpenedRegistry> {
  const opened = createRegistry(kernel, opts);
  return { ...opened, problems: await opened.registry.seed() };
}

/**
 * The same registry, not read yet: it reads the apps on first use (list, load, seed). A
 * desktop makes its runtime first, so the apps are checked once, against the runtime's tools,
 * and a first frame that needs no app does not wait for them.
 */
export function createRegistry(kernel: Kernel, opts: RegistryOptions = {}): Omit<OpenedRegistry, 'problems'> {
  const shipped = opts.shippedRoot ?? '/apps';
  const user = opts.userRoot ?? '/home/apps';
  const proc = kernel.spawnProcess({ name: 'registry', kind: 'service', grants: registryGrants(shipped, user), profile: 'custom', ppid: kernel.userPid, cwd: '/home' });
  return { registry: new AppRegistry(kernelSyscaller(kernel, proc.pid), opts), process: proc };
}

/**
 * What a runtime needs to run the registry's apps: the registry as its catalog and the
 * prebuilt apps' tools. `createRuntime({ kernel, ...appRuntimeOptions(registry) })`.
 */
export function appRuntimeOptions(registry: AppRegistry): Pick<RuntimeOptions, 'catalog' | 'tools'> {
  return { catalog: registry, tools: PREBUILT_TOOLS };
}
