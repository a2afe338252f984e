import path from 'node:path';
import { appRuntimeOptions, openRegistry } from '../../src/runtime/registry/open.js';
import type { AppRegistry } from '../../src/runtime/registry/registry.js';
import { createRuntime, type Runtime } from '../../src/runtime/runtime.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { onCleanup, testKernel } from './kernel.js';

export interface ShippedDesk {
  kernel: Kernel;
  runtime: Runtime;
  registry: AppRegistry;
}

/** A fresh kernel with the shipped apps' registry and a runtime over it, as `agentos serve` makes them; shut down after the test. */
export async function shippedDesk(): Promise<ShippedDesk> {
  const kernel = testKernel({ appsDir: path.resolve('apps') });
  const { registry } = await openRegistry(kernel);
  const runtime = createRuntime({ kernel, ...appRuntimeOptions(registry) });
  onCleanup(() => runtime.shutdown());
  return { kernel, runtime, registry };
}
