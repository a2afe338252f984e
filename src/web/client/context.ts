import { createContext, useContext, useSyncExternalStore } from 'react';
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
