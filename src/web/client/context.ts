import { createContext, useContext, useRef, useSyncExternalStore } from 'react';
import type { Connection, View } from './connection.js';

export const ConnectionContext = createContext<Connection | null>(null);

export function useConnection(): Connection {
  const c = useContext(ConnectionContext);
  if (!c) throw new Error('no connection');
  return c;
}

/** The mirrored desktop, catalog and link status; re-renders on every change. */
export function useView(): View {
  const c = useConnection();
  return useSyncExternalStore(c.subscribe, c.getSnapshot);
}

/**
 * One part of the view: the component draws again only when that part changes, so a click
 * in one app does not redraw the menu bar and the dock. `select` reads nothing but the view
 * (it runs once per change); `same` says when two selections are equal.
 */
export function useDesk<T>(select: (v: View) => T, same: (a: T, b: T) => boolean = Object.is): T {
  const c = useConnection();
  const last = useRef<{ view: View; value: T } | null>(null);
  const read = () => {
    const view = c.getSnapshot();
    const prev = last.current;
    if (prev?.view === view) return prev.value;
    const value = select(view);
    last.current = { view, value: prev && same(prev.value, value) ? prev.value : value };
    return last.current.value;
  };
  return useSyncExternalStore(c.subscribe, read);
}

/** Two lists with equal items, by `same` (a selection that builds a new array each time). */
export const sameList =
  <T>(same: (a: T, b: T) => boolean) =>
  (a: readonly T[], b: readonly T[]) =>
    a.length === b.length && a.every((x, i) => same(x, b[i]!));
