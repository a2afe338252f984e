import { describe, expect, it } from 'vitest';
import type { Component } from '../../src/blueprint/types.js';
import { appDesk, stateOf, type, errorsOf } from './setup.js';

const shortcuts = (v: unknown) => (v as Component[]).map((c) => c.props.app_id);

describe('hub (app launcher)', () => {
  it('shows a shortcut to every registered app, by category', async () => {
    const { runtime: rt, registry } = await appDesk();
    await registry.save(JSON.stringify({ app: { id: 'mine', name: 'Mine', category: 'creative' }, ui: { components: [] } }));
    const id = await rt.launchApp('hub');
    const s = stateOf(rt, id);
    const all = shortcuts(s['all-apps-grid:children']);
    expect(all.sort()).toEqual(registry.entries().map((e) => e.id).sort());
    expect(all).toContain('mine');
    expect(shortcuts(s['system-apps-grid:children'])).toEqual(expect.arrayContaining(['hub', 'task-manager', 'settings', 'terminal']));
    expect(shortcuts(s['creative-apps-grid:children'])).toEqual(expect.arrayContaining(['mine', 'color-mixer']));
    expect(errorsOf(rt, id)).toEqual([]);
  });

  it('shows the search for what the field holds, when searches started by fast typing finish out of order', async () => {
    const { runtime: rt, registry } = await appDesk();
    const id = await rt.launchApp('hub');
    // The first search's catalog read is the slowest: it finishes after the later ones.
    const list = registry.list.bind(registry);
    let reads = 0;
    registry.list = async () => {
      const slow = reads++ === 0;
      const apps = await list();
      if (slow) await new Promise((r) => setTimeout(r, 100));
      return apps;
    };
    for (const typed of ['c', 'ca', 'cal', 'calc']) void rt.dispatchEvent(id, { component: 'search', event: 'change', value: typed });
    await new Promise((r) => setTimeout(r, 150));
    await rt.idle();
    expect(reads).toBeGreaterThan(1);
    expect(stateOf(rt, id)['all-count']).toMatch(/^1 of \d+ apps match "calc"$/);
    expect(shortcuts(stateOf(rt, id)['all-apps-grid:children'])).toEqual(['calculator']);
  });

  it('searches and launches', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('hub');
    await type(rt, id, 'search', 'calc');
    expect(shortcuts(stateOf(rt, id)['all-apps-grid:children'])).toEqual(['calculator']);
    expect(stateOf(rt, id).tabs).toBe('tab-all');
    await type(rt, id, 'search', 'files browse');
    expect(shortcuts(stateOf(rt, id)['all-apps-grid:children'])).toEqual(['file-explorer']);
    await rt.dispatchEvent(id, { component: 'app-file-explorer', event: 'click' });
    await rt.idle();
    expect(Object.values(rt.getSnapshot().apps).map((a) => a.appId)).toContain('file-explorer');
    await type(rt, id, 'search', '');
    expect((stateOf(rt, id)['all-apps-grid:children'] as unknown[]).length).toBeGreaterThan(5);
  });
});
