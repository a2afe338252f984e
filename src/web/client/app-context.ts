import { createContext, useContext } from 'react';

/**
 * What a component renderer may do for its app: send events, call the few view tools, launch
 * apps. It stays the same object while the app's state changes, so a renderer whose props
 * did not change is not drawn again.
 */
export interface AppCtx {
  /** The app instance's id. */
  id: string;
  /** An event on a component ({component, event, value}); the runtime runs the app's bindings. */
  send(component: string, event: string, value?: unknown): void;
  /** One of the view tools (ui.set, tabs.switch, modal.open, modal.close), then optionally an event. */
  tool(tool: string, args: Record<string, unknown>): Promise<unknown>;
  launch(appId: string): void;
}

export const AppContext = createContext<AppCtx | null>(null);

/** The app's state: every component draws from it (resolved props, children of containers). */
export const AppStateContext = createContext<Readonly<Record<string, unknown>>>({});

export function useApp(): AppCtx {
  const a = useContext(AppContext);
  if (!a) throw new Error('component outside an app');
  return a;
}

export const useAppState = () => useContext(AppStateContext);
