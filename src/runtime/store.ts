import { EMPTY_DESKTOP, type AppInstance, type Desktop } from './types.js';

export type Listener = (desktop: Desktop, previous: Desktop) => void;

/** Most recent first; older ones fall off so a long session does not grow without bound. */
export const MAX_NOTIFICATIONS = 50;
export const MAX_ERRORS = 50;
export const MAX_CHAT = 500;

/**
 * The one store of the desktop. Snapshots are immutable and shared structurally: a change
 * copies only the path it touches (the desktop object, the apps record, one app), so views
 * diff by reference and by `version`. Listeners run synchronously after each change.
 */
export class Store {
  private snap: Desktop = EMPTY_DESKTOP;
  private readonly listeners = new Set<Listener>();

  getSnapshot = (): Desktop => this.snap;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Apply a change: `recipe` returns the fields that change (or null for none). */
  update(recipe: (d: Desktop) => Partial<Omit<Desktop, 'version'>> | null): Desktop {
    const prev = this.snap;
    const patch = recipe(prev);
    if (!patch) return prev;
    const next: Desktop = { ...prev, ...patch, version: prev.version + 1 };
    this.snap = next;
    for (const l of this.listeners) {
      try {
        l(next, prev);
      } catch {
        // A failing view must not break the desktop or other views.
      }
    }
    return next;
  }

  /** Change one app; a no-op when it is gone (closed while a tool ran). */
  updateApp(id: string, recipe: (app: AppInstance, d: Desktop) => Partial<AppInstance> | null, extra?: (d: Desktop) => Partial<Omit<Desktop, 'version' | 'apps'>>): Desktop {
    return this.update((d) => {
      const app = d.apps[id];
      if (!app) return null;
      const patch = recipe(app, d);
      if (!patch) return null;
      const apps = { ...d.apps, [id]: { ...app, ...patch, version: app.version + 1 } };
      return extra ? { apps, ...extra(d) } : { apps };
    });
  }
}
