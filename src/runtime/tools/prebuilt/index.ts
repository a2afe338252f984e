import { SETTINGS_TOOLS } from '../settings.js';
import type { ToolDef } from '../types.js';
import { BROWSER_TOOLS } from './browser.js';
import { EXPLORER_TOOLS } from './explorer.js';
import { LAUNCHER_TOOLS } from './launcher.js';
import { MONITOR_TOOLS } from './monitor.js';
import { NOTES_TOOLS } from './notes.js';
import { TASK_TOOLS } from './tasks.js';
import { TERMINAL_TOOLS } from './terminal.js';
import { TODO_TOOLS } from './todo.js';

/**
 * The tools the prebuilt apps (apps/) use beyond the runtime's own: notes.*, todo.*,
 * explorer.*, tasks.*, monitor.*, settings.*, browser.*, terminal.*, launcher.*. Every
 * runtime that runs those apps passes these as `tools` (createRuntime({tools})), and the
 * registry validates Blueprints against them.
 */
export const PREBUILT_TOOLS: ToolDef<any>[] = [
  ...NOTES_TOOLS,
  ...TODO_TOOLS,
  ...EXPLORER_TOOLS,
  ...TASK_TOOLS,
  ...MONITOR_TOOLS,
  ...SETTINGS_TOOLS,
  ...BROWSER_TOOLS,
  ...TERMINAL_TOOLS,
  ...LAUNCHER_TOOLS,
];
