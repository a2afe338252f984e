/**
 * The app registry: shipped, saved and generated apps by id (see registry.ts).
 *
 *   const { registry, problems } = await openRegistry(kernel);        // seeds /apps and /home/apps
 *   const runtime = createRuntime({ kernel, ...appRuntimeOptions(registry) });
 *   await runtime.launchApp('calculator');                            // from the cache, no I/O
 *   await registry.save(sourceText, { source: 'saved' });             // /home/apps/<id>.bp
 *   await registry.save(blueprint, { source: 'generated' });          // /home/apps/generated/<id>.bp
 *   await registry.remove('calculator');                              // a saved copy; the shipped one is back
 */
export { AppRegistry, type RegistryOptions } from './registry.js';
export { openRegistry, createRegistry, appRuntimeOptions, kernelSyscaller, type OpenedRegistry } from './open.js';
export { APP_SOURCES, type AppSource, type RegistryEntry, type RegistryProblem, type Syscaller } from './types.js';
export { appToolTable } from './tool-table.js';
export { desktopMethods, registerDesktopMethods } from './methods.js';
export { measureAppLaunch, measureSessions, type Timing } from './bench.js';
