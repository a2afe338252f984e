import type { AppRegistry } from '../runtime/registry/registry.js';
import type { Runtime } from '../runtime/runtime.js';
import { restoreSession, saveSession, sessionStoreFor } from '../runtime/sessions/sessions.js';
import type { RegistryPort, SessionsPort } from './context.js';

/** The app registry as the web API uses it: saving from the API makes a "saved" app. */
export function registryPort(registry: AppRegistry): RegistryPort {
  return {
    list: async () => (await registry.list()).map((e) => ({ id: e.id, name: e.name, description: e.description, icon: e.icon, category: e.category, source: e.source })),
    get: (id) => registry.load(id),
    save: (bp) => registry.save(bp, { source: 'saved' }),
    remove: (id) => registry.remove(id),
  };
}

/** Saved workspaces of this runtime's kernel (/home/sessions, through the sessions process). */
export function sessionsPort(runtime: Runtime): SessionsPort {
  const store = () => sessionStoreFor(runtime.kernel);
  return {
    list: async () => (await store().list()).sessions,
    get: (id) => store().read(id),
    save: (name, description) => saveSession(runtime, name, { description }),
    restore: (id) => restoreSession(runtime, id),
    remove: (id) => store().remove(id),
  };
}
