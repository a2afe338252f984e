import { isKernelError } from '../../kernel/errors.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { Grant } from '../../kernel/sandbox/capabilities.js';
import type { Runtime } from '../runtime.js';
import { kernelSyscaller } from '../registry/open.js';
import { SESSION_FORMAT, SESSION_VERSION, type Session } from './format.js';
import { checkSessionName, SessionStore } from './store.js';
import { captureWorkspace, restoreWorkspace, type RestoreOptions, type RestoreResult } from './workspace.js';

const stores = new WeakMap<Kernel, SessionStore>();

/**
 * The session store of a kernel: a `sessions` service process that may touch only
 * /home/sessions, so every save and restore is a syscall the sandbox and metrics see.
 */
export function sessionStoreFor(kernel: Kernel, dir = '/home/sessions'): SessionStore {
  const known = stores.get(kernel);
  if (known && known.dir === dir) return known;
  const scope = [`${dir}/**`];
  const grants: Grant[] = ['READ_FILE', 'LIST_DIRECTORY', 'WRITE_FILE', 'CREATE_FILE', 'DELETE_FILE'].map((cap) => ({ cap: cap as Grant['cap'], scope }));
  const proc = kernel.spawnProcess({ name: 'sessions', kind: 'service', grants, profile: 'custom', ppid: kernel.userPid, cwd: '/home' });
  const store = new SessionStore(kernelSyscaller(kernel, proc.pid), dir);
  stores.set(kernel, store);
  return store;
}

export interface SaveOptions {
  description?: string;
  store?: SessionStore;
}

/** Save the runtime's whole workspace as session `name` (replacing one of that name). */
export async function saveSession(runtime: Runtime, name: string, opts: SaveOptions = {}): Promise<{ name: string; file: string; bytes: number; apps: number }> {
  checkSessionName(name);
  const store = opts.store ?? sessionStoreFor(runtime.kernel);
  const workspace = captureWorkspace(runtime.getSnapshot());
  const now = new Date().toISOString();
  let created = now;
  let description = opts.description;
  try {
    const old = await store.read(name);
    created = old.created_at;
    description ??= old.description;
  } catch (e) {
    // No earlier session, or a damaged one (read set it aside): this save starts afresh.
    // One written by a newer AgentOS is refused (EINVAL) rather than overwritten.
    if (!(isKernelError(e) && (e.code === 'ENOENT' || e.code === 'EIO'))) throw e;
  }
  const session: Session = { format: SESSION_FORMAT, version: SESSION_VERSION, name, ...(description ? { description } : {}), created_at: created, updated_at: now, workspace };
  const w = await store.write(session);
  return { name, file: w.file, bytes: w.bytes, apps: workspace.apps.length };
}

/** Replace the runtime's workspace with session `name`. */
export async function restoreSession(runtime: Runtime, name: string, opts: RestoreOptions & { store?: SessionStore } = {}): Promise<RestoreResult & { name: string; apps: number }> {
  const store = opts.store ?? sessionStoreFor(runtime.kernel);
  const session = await store.read(name);
  const r = await restoreWorkspace(runtime, session.workspace, { label: `session ${name}`, ...opts });
  await store.setLast(name);
  return { name, apps: Object.keys(r.ids).length, ...r };
}

/**
 * Sessions as one object for a view's API (the web server's SessionsPort): list, get,
 * save, restore and remove, all on this runtime and its kernel's session store.
 */
export function sessionService(runtime: Runtime, store: SessionStore = sessionStoreFor(runtime.kernel)) {
  return {
    list: async () => (await store.list()).sessions,
    get: (name: string) => store.read(name),
    save: (name: string, description?: string) => saveSession(runtime, name, { description, store }),
    restore: (name: string) => restoreSession(runtime, name, { store }),
    remove: (name: string) => store.remove(name),
  };
}
