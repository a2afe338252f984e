import { z } from 'zod';
import type { Component } from '../../blueprint/types.js';
import { KernelError } from '../../kernel/errors.js';
import { childrenKey } from '../components.js';
import { desk } from './common.js';
import { defineTool, type CatalogEntryInfo, type ToolDef } from './types.js';

const shortcut = (app: CatalogEntryInfo): Component => ({
  type: 'app-shortcut',
  id: `app-${app.id}`,
  props: { app_id: app.id, name: app.name, icon: app.icon ?? '', description: app.description ?? '', category: app.category ?? '', variant: 'card' },
  on_event: { click: [{ tool: 'hub.launch_app', args: { app_id: app.id } }] },
});

/**
 * The launcher's tools. load_apps fills state the way the original hub app expects:
 * `hub_apps`, `<category>-count` texts, and the shortcuts of grids named `all-apps-grid`
 * and `<category>-apps-grid`.
 */
export const HUB_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'hub.load_apps',
    doc: 'List the launchable apps into state (hub_apps, counts, and the app grids\' shortcuts).',
    params: () => z.object({
      category: z.string().optional().describe('only this category'),
      key: z.string().min(1).default('hub_apps').describe('state key for the list'),
    }),
    async run(ctx, p) {
      const d = desk(ctx);
      const all = (await d.catalog.list()).filter((a) => !p.category || a.category === p.category);
      ctx.state.set(p.key, all);
      ctx.state.set('all-count', `${all.length} apps available`);
      const categories = new Set(all.map((a) => a.category).filter((c): c is string => !!c));
      for (const c of categories) ctx.state.set(`${c}-count`, `${all.filter((a) => a.category === c).length} apps`);
      if (d.component('all-apps-grid')) ctx.state.set(childrenKey('all-apps-grid'), all.map(shortcut));
      for (const c of ['system', 'productivity', 'utilities', 'creative', ...categories]) {
        const grid = `${c}-apps-grid`;
        if (d.component(grid)) ctx.state.set(childrenKey(grid), all.filter((a) => a.category === c).map(shortcut));
      }
      return all;
    },
  }),
  defineTool({
    id: 'hub.launch_app',
    doc: 'Launch an app by id (default: the clicked shortcut\'s app_id).',
    params: () => z.object({ app_id: z.string().min(1).optional().describe('the app to launch') }),
    async run(ctx, p) {
      const id = p.app_id ?? (typeof ctx.event.props?.app_id === 'string' ? ctx.event.props.app_id : undefined);
      if (!id) throw new KernelError('EINVAL', 'which app? give "app_id"');
      return desk(ctx).catalog.launch(id);
    },
  }),
];
