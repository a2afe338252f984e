import { createContext, useContext } from 'react';
import type { AppInstance } from '../../runtime/types.js';

/** What a component renderer may do for its app: send events, call the few view tools, launch apps. */
export interface AppCtx {
  app: AppInstance;
  /** An event on a component ({component, event, value}); the runtime runs the app's bindings. */
  send(component: string, event: string, value?: unknown): void;
  /** One of the view tools (ui.set, tabs.switch, modal.open, modal.close), then optionally an event. */
  tool(tool: string, args: Record<string, unknown>): Promise<unknown>;
  launch(appId: string): void;
}

export const AppContext = createContext<AppCtx | null>(null);

export function useApp(): AppCtx {
  const a = useContext(AppContext);
  if (!a) throw new Error('component outside an app');
  return a;
}
