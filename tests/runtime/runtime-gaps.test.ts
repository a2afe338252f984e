import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { places } from '../../src/config/paths.js';
import { allTools } from '../../src/runtime/index.js';
import { loadMathEngine, mathEngineLoaded } from '../../src/runtime/tools/math/engine.js';
import { agentos } from '../helpers/cli.js';
import { tempDir } from '../helpers/kernel.js';
import { blueprint, button, on, testRuntime } from './setup.js';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('timers read state when they fire', () => {
  it('a timer\'s {{state.x}} is the value at the tick, not at the start', async () => {
    const rt = testRuntime();
    const start = [
      { tool: 'ui.set', args: { key: 'n', value: 'before' } },
      { tool: 'system.timer.set', args: { delay_ms: 20, action: { tool: 'ui.set', args: { key: 'copy', value: '{{state.n}}' } } } },
      { tool: 'ui.set', args: { key: 'n', value: 'after' } },
    ];
    const id = await rt.launch(blueprint([button('go', 'go', start)], { id: 'ticker' }));
    await rt.dispatchEvent(id, { component: 'go', event: 'click' });
    await until(() => rt.getSnapshot().apps[id]!.state.copy !== undefined);
    expect(rt.getSnapshot().apps[id]!.errors).toEqual([]);
    expect(rt.getSnapshot().apps[id]!.state.copy).toBe('after');
  });
});

describe('list selection', () => {
  it('a list\'s select event gives the item index as event.value and the item as event.item', async () => {
    const rt = testRuntime();
    const list = {
      type: 'list' as const,
      id: 'fruits',
      props: { items: [{ label: 'Apple', value: 'a' }, { label: 'Banana', value: 'b' }, 'Cherry'] },
      on_event: { select: [{ tool: 'ui.set', args: { key: 'picked', value: '{{event.value}}' } }, { tool: 'ui.set', args: { key: 'name', value: '{{event.item.label}}' } }] },
    };
    const id = await rt.launch(blueprint([list], { id: 'lister' }));
    const state = () => rt.getSnapshot().apps[id]!.state;
    await rt.dispatchEvent(id, { component: 'fruits', event: 'select', value: 'b' });
    expect(state()).toMatchObject({ picked: 1, name: 'Banana' });
    await rt.dispatchEvent(id, { component: 'fruits', event: 'select', value: 0 });
    expect(state()).toMatchObject({ picked: 0, name: 'Apple' });
    await rt.dispatchEvent(id, { component: 'fruits', event: 'select', value: 'Cherry' });
    expect(state().picked).toBe(2);
    expect(rt.getSnapshot().apps[id]!.errors).toEqual([]);
  });

  it('docs/BLUEPRINT.md says so', () => {
    expect(readFileSync('docs/BLUEPRINT.md', 'utf8')).toMatch(/`list` sends `select`.*index/);
  });
});

describe('tool tables', () => {
  it('allTools() has the prebuilt apps\' tools and settings', () => {
    const ids = new Set(allTools().map((t) => t.id));
    for (const id of ['notes.open', 'todo.toggle', 'explorer.open_selected', 'tasks.select', 'browser.follow']) expect(ids, id).toContain(id);
    expect([...ids].some((i) => i.startsWith('settings.'))).toBe(true);
  });
});

describe('math loads lazily', () => {
  it('mathjs is loaded by the first math tool run, not on import', async () => {
    expect(mathEngineLoaded()).toBe(false);
    const add = allTools().find((t) => t.id === 'math.add')!;
    const ctx = { appId: 'x', pid: 0, syscall: () => Promise.reject(new Error('no')), state: { get: () => undefined, set() {}, delete() {}, all: () => ({}) }, event: {} };
    expect(await add.run(ctx, add.params.parse({ a: 2, b: 3 }))).toBe(5);
    expect(mathEngineLoaded()).toBe(true);
    await loadMathEngine();
  });

  it('no source file imports mathjs statically (only `import type` and import())', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk('src');
    const eager = files.filter((f) => /^import (?!type )[^;]*from 'mathjs'/m.test(readFileSync(f, 'utf8')));
    expect(eager).toEqual([]);
  });
});

describe('configuration', () => {
  it('AGENTOS_APPS_DIR sets the shipped apps folder', () => {
    const dir = tempDir();
    expect(places({ AGENTOS_HOME: dir, AGENTOS_APPS_DIR: path.join(dir, 'my-apps') }).apps).toBe(path.join(dir, 'my-apps'));
    expect(places({ AGENTOS_HOME: dir }).apps).toMatch(/[/\\]apps$/);
    expect(readFileSync('README.md', 'utf8')).toContain('`AGENTOS_APPS_DIR`');
  });
});

describe('agentos run finds apps in the registry', () => {
  it('runs a saved app from /home/apps by id, headless', () => {
    const home = tempDir();
    const app = {
      app: { id: 'counter-x', name: 'Counter X' },
      ui: { title: 'Counter X', components: [{ type: 'button', id: 'inc', props: { text: '+' }, on_event: { click: [{ tool: 'ui.append', args: { key: 'out', value: '1' } }] } }] },
    };
    mkdirSync(path.join(home, 'apps'), { recursive: true });
    writeFileSync(path.join(home, 'apps', 'counter-x.bp'), JSON.stringify(app));
    const events = path.join(home, 'events.jsonl');
    writeFileSync(events, '{"component":"inc","event":"click"}\n{"component":"inc","event":"click"}\n');
    const r = agentos(['run', 'counter-x', '--headless', '--events', events], { AGENTOS_HOME: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ app: 'counter-x', state: { out: '11' }, errors: [] });
    // Shipped apps still run.
    const calc = agentos(['run', 'calculator', '--headless', '--events', '-'], { AGENTOS_HOME: home }, { input: '{"component":"btn-7","event":"click"}\n' });
    expect(calc.code).toBe(0);
    expect(JSON.parse(calc.stdout).state.display).toBe('7');
  });
});
