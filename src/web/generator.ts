import { kernelDisk } from '../ai/cache.js';
import { generate } from '../ai/generate.js';
import { chooseProvider } from '../ai/settings.js';
import { readSettings } from '../config/config.js';
import { places } from '../config/paths.js';
import type { Kernel } from '../kernel/kernel.js';
import type { WebContext } from './context.js';

/**
 * Generation as `agentos gen` does it: the provider chosen from the environment and
 * `agentos config` (read at each request, so a changed setting applies at once), the
 * shared cache, model answers cached on disk through the kernel as the web process.
 */
export function defaultGenerator(kernel: Kernel, pid: number): WebContext['generate'] {
  const disk = kernelDisk((name, args) => kernel.syscall(pid, name, args));
  return (prompt, opts) => generate(prompt, { choice: currentChoice(), disk, signal: opts.signal });
}

/** The provider as configured now (environment, then `agentos config`). */
export const currentChoice = () => chooseProvider({}, process.env, readSettings(places().config) as never);
