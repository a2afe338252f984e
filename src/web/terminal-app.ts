import type { Blueprint } from '../blueprint/types.js';
import type { AppInstance } from '../runtime/types.js';

/**
 * A terminal window is an app whose Blueprint says `config.terminal: true` (or the app id
 * "terminal"); views draw its pty instead of components. The terminal desktop keeps the
 * same rule (tui/desktop/terminal-app.ts); it is restated here so the views stay apart.
 * Pure data: the browser client imports it too.
 */
export const TERMINAL_APP_ID = 'terminal';

export const isTerminalApp = (app: AppInstance | undefined): boolean => !!app && (app.blueprint.config?.terminal === true || app.appId === TERMINAL_APP_ID);

/** The same Blueprint the terminal desktop launches for a terminal window. */
export function terminalBlueprint(): Blueprint {
  return {
    app: { id: TERMINAL_APP_ID, name: 'Terminal', description: 'your shell in a window', icon: '>_', category: 'system', permissions: ['PRIVILEGED'] },
    services: [],
    ui: { title: 'Terminal', layout: 'vertical', components: [], lifecycle: {} },
    config: { terminal: true },
  };
}
