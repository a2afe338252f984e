import { z } from 'zod';
import type { Component } from '../../../blueprint/types.js';
import { childrenKey } from '../../components.js';
import { desk } from '../common.js';
import { defineTool, type CatalogEntryInfo, type ToolDef } from '../types.js';
import { textIn } from './common.js';

/**
 * The launcher's search, beside hub.load_apps (which fills the category grids): the apps
 * whose name, id, description or category contain every word typed, as shortcuts in
 * `all-apps-grid` (the "All" tab, which it shows).
 */
const shortcut = (app: CatalogEntryInfo): Component => ({
  type: 'app-shortcut',
  id: `app-${app.id}`,
  props: { app_id: app.id, name: app.name, icon: app.icon ?? '', description: app.description ?? '', category: app.category ?? '', variant: 'card' },
  on_event: { click: [{ tool: 'hub.launch_app', args: { app_id: app.id } }] },
});

export function matches(app: CatalogEntryInfo, query: string): boolean {
  const hay = `${app.name} ${app.id} ${app.description ?? ''} ${app.category ?? ''}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

export const LAUNCHER_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'launcher.search',
    doc: 'Show the apps matching `query` (default: the search field) in the All tab.',
    params: () => z.object({
      query: z.string().max(200).optional().describe('words to find (default: the search field)'),
      tabs_id: z.string().min(1).default('tabs').describe('the tabs component to switch to the All tab'),
      tab_id: z.string().min(1).default('tab-all').describe('the All tab\'s id'),
    }),
    async run(ctx, p) {
      const d = desk(ctx);
      const query = (p.query ?? textIn(ctx, 'search')).trim();
      const apps = await d.catalog.list();
      const found = query ? apps.filter((a) => matches(a, query)) : apps;
      ctx.state.set(childrenKey('all-apps-grid'), found.map(shortcut));
      ctx.state.set('all-count', query ? `${found.length} of ${apps.length} apps match "${query}"` : `${apps.length} apps available`);
      if (query) ctx.state.set(p.tabs_id, p.tab_id);
      return found.length;
    },
  }),
];
