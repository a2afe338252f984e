import { readSettings } from '../../config/config.js';
import { places } from '../../config/paths.js';
import { isKernelError } from '../../kernel/errors.js';
import type { Runtime } from '../runtime.js';
import { restoreSession, saveSession } from './sessions.js';
import type { SessionStore } from './store.js';
import { sessionStoreFor } from './sessions.js';

export interface Autosave {
  readonly name: string;
  /** Save now (skipped when nothing changed since the last save, unless forced). */
  saveNow(force?: boolean): Promise<void>;
  /** Stop the timer and save one last time (call on exit). */
  stop(): Promise<void>;
}

/**
 * Save the workspace as session `name` every `seconds` (0: only on stop), when it changed.
 * Saves never overlap; a failed save is reported to `onError` and retried next time.
 */
export function startAutosave(runtime: Runtime, opts: { name: string; seconds: number; store?: SessionStore; onError?: (e: unknown) => void }): Autosave {
  let savedVersion = -1;
  let running: Promise<void> = Promise.resolve();
  const save = (force: boolean) => {
    running = running.then(async () => {
      const version = runtime.getSnapshot().version;
      if (!force && version === savedVersion) return;
      try {
        await saveSession(runtime, opts.name, { store: opts.store });
        savedVersion = version;
      } catch (e) {
        opts.onError?.(e);
      }
    });
    return running;
  };
  const timer = opts.seconds > 0 ? setInterval(() => void save(false), opts.seconds * 1000) : undefined;
  timer?.unref();
  return {
    name: opts.name,
    saveNow: (force = false) => save(force),
    async stop() {
      if (timer) clearInterval(timer);
      await save(true);
    },
  };
}

export interface DesktopSession {
  /** The session this desktop saves into. */
  name: string;
  /** Whether a saved session was restored at start. */
  restored: boolean;
  /** Problems worth telling the user (a damaged or newer session, apps that did not restore). */
  warnings: string[];
  autosave: Autosave;
  /** Stop autosaving and save on exit. */
  close(): Promise<void>;
}

const freshName = () => `session-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;

/**
 * What the desktop does with sessions on start and exit (`agentos shell [--session NAME] [--fresh]`):
 * restore NAME (default: the last session saved or restored), then autosave into it every
 * `session.autosaveSeconds` and on close. `fresh` restores nothing; without a NAME it saves
 * into a new session so that the last one is never overwritten by an empty desktop.
 */
export async function openDesktopSession(runtime: Runtime, opts: { name?: string; fresh?: boolean; seconds?: number; store?: SessionStore; onError?: (e: unknown) => void } = {}): Promise<DesktopSession> {
  const store = opts.store ?? sessionStoreFor(runtime.kernel);
  const seconds = opts.seconds ?? Number(readSettings(places().config)['session.autosaveSeconds']);
  const warnings: string[] = [];
  const name = opts.name ?? (opts.fresh ? freshName() : ((await store.last()) ?? 'default'));
  let restored = false;
  if (!opts.fresh) {
    try {
      const r = await restoreSession(runtime, name, { store });
      restored = true;
      for (const s of r.skipped) warnings.push(`session ${name}: app ${s.id} was not restored: ${s.reason}`);
    } catch (e) {
      if (!(isKernelError(e) && e.code === 'ENOENT')) warnings.push(e instanceof Error ? e.message : String(e));
    }
  }
  const autosave = startAutosave(runtime, { name, seconds: Number.isFinite(seconds) ? seconds : 30, store, onError: opts.onError });
  return { name, restored, warnings, autosave, close: () => autosave.stop() };
}
