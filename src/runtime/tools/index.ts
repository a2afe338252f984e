import { SERVICE_TOOLS } from '../services/index.js';
import { APP_TOOLS } from './app.js';
import { HTTP_TOOLS } from './http.js';
import { HUB_TOOLS } from './hub.js';
import { MATH_TOOLS } from './math.js';
import { PREBUILT_TOOLS } from './prebuilt/index.js';
import { SYSTEM_TOOLS } from './system.js';
import type { ToolDef } from './types.js';
import { UI_TOOLS } from './ui.js';
import { WIDGET_TOOLS } from './widgets.js';

/** The original's apps also call these by their short names. */
const ALIASES: Record<string, string> = {
  'timer.set': 'system.timer.set',
  'timer.interval': 'system.timer.interval',
  'timer.clear': 'system.timer.clear',
  'clipboard.copy': 'system.clipboard.copy',
  'clipboard.paste': 'system.clipboard.paste',
  'notification.show': 'system.notify',
  'ui.list.add': 'list.add',
  'ui.list.remove': 'list.remove',
  'ui.list.toggle': 'list.toggle',
  'ui.list.clear': 'list.clear',
  'ui.tabs.switch': 'tabs.switch',
  'ui.modal.open': 'modal.open',
  'ui.modal.close': 'modal.close',
};

/** The runtime's own tools: ui, widgets (list, form, tabs, modal), system, app, http, hub. */
export const BUILTIN_TOOLS: ToolDef<any>[] = [...UI_TOOLS, ...WIDGET_TOOLS, ...SYSTEM_TOOLS, ...APP_TOOLS, ...HTTP_TOOLS, ...HUB_TOOLS];

const byId = new Map(BUILTIN_TOOLS.map((t) => [t.id, t]));
export const ALIAS_TOOLS: ToolDef<any>[] = Object.entries(ALIASES).map(([alias, id]) => ({ ...byId.get(id)!, id: alias, doc: `Same as ${id}.` }));

/**
 * Every tool, in the order they win a shared id: extra tools given by the embedding code
 * first, then built-ins (so `system.log` needs no service), then the services and math,
 * then the prebuilt apps' own (notes.*, settings.*, explorer.*...), so every runtime runs
 * the shipped apps.
 */
export function allTools(extra: ToolDef<any>[] = []): ToolDef<any>[] {
  return [...extra, ...BUILTIN_TOOLS, ...ALIAS_TOOLS, ...SERVICE_TOOLS, ...MATH_TOOLS, ...PREBUILT_TOOLS];
}
