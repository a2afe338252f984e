import path from 'node:path';
import { createRuntime, type Runtime } from '../../src/runtime/index.js';
import { appRuntimeOptions, openRegistry } from '../../src/runtime/registry/index.js';
import type { AppRegistry } from '../../src/runtime/registry/index.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { onCleanup, tempDir, testKernel } from '../helpers/kernel.js';

export const APPS_DIR = path.resolve('apps');

export interface AppDesk {
  kernel: Kernel;
  registry: AppRegistry;
  runtime: Runtime;
  home: string;
}

/**
 * A desktop as the shell builds it: a kernel with the shipped apps at /apps, the registry,
 * and a headless runtime running the registry's apps. Pass `home` to start again on the
 * same data (a restart).
 */
export async function appDesk(home = tempDir()): Promise<AppDesk> {
  const kernel = testKernel({ home, appsDir: APPS_DIR });
  const { registry, problems } = await openRegistry(kernel);
  if (problems.length) throw new Error(`shipped apps failed to load:\n${problems.map((p) => p.text).join('\n')}`);
  const runtime = createRuntime({ kernel, headless: true, ...appRuntimeOptions(registry) });
  onCleanup(() => runtime.shutdown());
  return { kernel, registry, runtime, home };
}

/** The running app's state. */
export const stateOf = (rt: Runtime, id: string) => rt.getSnapshot().apps[id]!.state;
export const errorsOf = (rt: Runtime, id: string) => rt.getSnapshot().apps[id]!.errors;

export async function click(rt: Runtime, id: string, ...components: string[]) {
  for (const c of components) {
    await rt.dispatchEvent(id, { component: c, event: 'click' });
    await rt.idle();
  }
}

export async function type(rt: Runtime, id: string, component: string, value: unknown) {
  await rt.dispatchEvent(id, { component, event: 'change', value });
  await rt.idle();
}
