import type { Blueprint } from '../../blueprint/types.js';
import type { AppInstance } from '../../runtime/types.js';

export const TERMINAL_APP_ID = 'terminal';

/**
 * A terminal window is an app like any other (it has a window, a process, a place in the
 * session) whose Blueprint says `config.terminal: true`; the view draws a pty instead of
 * components. Its process is the pty's parent, so closing the window hangs up the shell.
 */
export function terminalBlueprint(): Blueprint {
  return {
    app: { id: TERMINAL_APP_ID, name: 'Terminal', description: 'your shell in a window', icon: '>_', category: 'system', permissions: ['PRIVILEGED'] },
    services: [],
    ui: { title: 'Terminal', layout: 'vertical', components: [], lifecycle: {} },
    config: { terminal: true },
  };
}

export const isTerminal = (app: AppInstance | undefined): boolean => !!app && (app.blueprint.config?.terminal === true || app.appId === TERMINAL_APP_ID);
