import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  blueprintJsonSchema, BlueprintError, BlueprintSchema, loadBlueprintFile, parseBlueprint, setKnownTools, validateBlueprint,
  type Blueprint,
} from '../../src/blueprint/index.js';
import { BLUEPRINT_EXAMPLES } from '../../src/docs/blueprint.js';
import { tempDir } from '../helpers/kernel.js';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

/** A Blueprint around some components, for tests that care only about the tree. */
const app = (components: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ app: { id: 't', name: 'T' }, services: [], ...extra, ui: { title: 'T', components } });

const tree = (components: unknown, extra: Record<string, unknown> = {}) => parseBlueprint(app(components, extra)).ui.components;

beforeEach(() => setKnownTools(null));

describe('the README example', () => {
  it('loads unchanged into the canonical form', () => {
    const bp = parseBlueprint(fixture('calculator.bp'), 'calculator.bp');
    expect(bp).toEqual({
      app: { id: 'calculator', name: 'Calculator', icon: '🧮', category: 'utilities', permissions: ['STANDARD'] },
      services: [],
      ui: {
        title: 'Calculator',
        layout: 'vertical',
        lifecycle: {},
        components: [
          { type: 'input', id: 'display', props: { value: '0', readonly: true } },
          { type: 'button', id: 'btn-7', props: { text: '7' }, on_event: { click: [{ tool: 'ui.append' }] } },
        ],
      },
    });
  });

  it('loads from a file and re-validates as its own canonical form', () => {
    const bp = loadBlueprintFile(path.join(__dirname, 'fixtures', 'calculator.bp'));
    expect(validateBlueprint(bp)).toEqual(bp);
    expect(BlueprintSchema.safeParse(bp).success).toBe(true);
  });
});

describe('the shorthand form', () => {
  it('normalizes to the same canonical form as the explicit one', () => {
    const explicit = tree([
      { type: 'container', id: 'bar', props: { layout: 'horizontal', gap: 4 }, children: [
        { type: 'button', id: 'ok', props: { text: 'OK', variant: 'primary' }, on_event: { click: 'ui.set' } },
        { type: 'text', props: { content: 'Hello' } },
      ] },
    ]);
    const shorthand = tree([{ 'row#bar': { gap: 4, children: [{ 'button#ok': { text: 'OK', variant: 'primary', '@click': 'ui.set' } }, 'Hello'] } }]);
    expect(shorthand).toEqual(explicit);
    expect(explicit[0]!.children![1]).toEqual({ type: 'text', id: 'text-1', props: { content: 'Hello' } });
  });

  it('takes a string as the main prop and a list as the children', () => {
    const [card, badge] = tree([{ card: [{ text: 'Item 1' }] }, { 'badge#b': 'new' }]);
    expect(card).toEqual({ type: 'card', id: 'card-1', props: {}, children: [{ type: 'text', id: 'text-1', props: { content: 'Item 1' } }] });
    expect(badge).toEqual({ type: 'badge', id: 'b', props: { text: 'new' } });
  });

  it('expands the layout aliases', () => {
    const c = tree([{ row: {} }, { col: {} }, { sidebar: { layout: 'horizontal' } }, { type: 'main', id: 'm' }, { footer: null }]);
    expect(c.map((x) => [x.type, x.id, x.props])).toEqual([
      ['container', 'container-1', { layout: 'horizontal' }],
      ['container', 'container-2', { layout: 'vertical' }],
      ['container', 'container-3', { layout: 'horizontal', role: 'sidebar' }],
      ['container', 'm', { layout: 'vertical', role: 'main' }],
      ['container', 'container-4', { layout: 'vertical', role: 'footer' }],
    ]);
  });

  it('accepts app-shortcut and app_shortcut', () => {
    const c = tree([{ type: 'app_shortcut', props: { app_id: 'notes' } }, { 'app-shortcut#h': { app_id: 'hub', category: 'system' } }]);
    expect(c.map((x) => x.type)).toEqual(['app-shortcut', 'app-shortcut']);
    expect(c[0]!.id).toBe('app-shortcut-1');
  });

  it('numbers missing ids per type, skipping ids written by hand', () => {
    const c = tree(['a', { 'text#text-1': 'b' }, 'c', { button: 'x' }]);
    expect(c.map((x) => x.id)).toEqual(['text-2', 'text-1', 'text-3', 'button-1']);
  });
});

describe('templates', () => {
  it('merges a named template under the component\'s own props and events', () => {
    const bp = parseBlueprint(JSON.stringify({
      app: { id: 't', name: 'T' },
      templates: { 'action-button': { type: 'button', variant: 'primary', size: 'medium', '@click': 'ui.clear' }, secret: { type: 'password' } },
      ui: { components: [
        { 'button#save': { $template: 'action-button', text: 'Save', size: 'large' } },
        { type: 'input', id: 'pw', $template: 'secret' },
      ] },
    }));
    expect(bp.ui.components[0]).toEqual({ type: 'button', id: 'save', props: { variant: 'primary', text: 'Save', size: 'large' }, on_event: { click: [{ tool: 'ui.clear' }] } });
    // "type" that is not a component name is the input's own type prop.
    expect(bp.ui.components[1]!.props).toEqual({ type: 'password' });
    expect(bp.ui.title).toBe('T');
  });
});

describe('$for and $if', () => {
  it('repeats a component per item, substituting keys, ids, props and bindings', () => {
    const c = tree([{ 'grid#pad': { columns: 3, children: [{ 'button#btn-{{d}}': { $for: { each: [7, 8, 9], as: 'd', index: 'i' }, text: '{{d}}', '@click': { tool: 'ui.append', args: { digit: '{{d}}', pos: '{{i}}', v: '{{state.display}}' } } } }] } }]);
    const kids = c[0]!.children!;
    expect(kids.map((k) => k.id)).toEqual(['btn-7', 'btn-8', 'btn-9']);
    // A whole load-time binding keeps its type, unless the prop takes only strings.
    expect(kids[1]!.props.text).toBe('8');
    expect(kids[1]!.on_event!.click).toEqual([{ tool: 'ui.append', args: { digit: 8, pos: 1, v: '{{state.display}}' } }]);
  });

  it('reads config, counts, nests loops and filters with $if', () => {
    const c = tree(
      [
        { 'col#row-{{r.name}}': { $for: { each: 'config.rows', as: 'r' }, children: [{ 'text#c-{{r.name}}-{{n}}': { $for: { each: 'r.cells', as: 'n' }, $if: 'n != 2', content: '{{n}}' } }] } },
        { 'text#dbg': { $if: 'config.debug', content: 'debug' } },
        { 'text#nodbg': { $if: '!config.debug', content: 'Mode: {{config.mode}}' } },
        { 'text#dark': { $if: "config.mode == 'dark'", content: 'x' } },
        { 'text#t-{{item}}': { $for: 2, content: 'n' } },
      ],
      { config: { rows: [{ name: 'a', cells: [1, 2, 3] }, { name: 'b', cells: [] }], debug: false, mode: 'dark' } },
    );
    expect(c.map((x) => x.id)).toEqual(['row-a', 'row-b', 'nodbg', 'dark', 't-0', 't-1']);
    expect(c[0]!.children!.map((x) => x.id)).toEqual(['c-a-1', 'c-a-3']);
    expect(c[0]!.children![0]!.props.content).toBe(1);
    expect(c[2]!.props.content).toBe('Mode: dark');
  });
});

describe('services, lifecycle and keys', () => {
  it('normalizes every service spelling', () => {
    const bp = parseBlueprint(JSON.stringify({
      app: { id: 't', name: 'T' },
      services: ['system', { storage: ['get', 'storage.set'] }, { filesystem: { tools: '*', root: '/home' } }, { name: 'auth', tools: ['login'] }],
      ui: { components: [] },
    }));
    expect(bp.services).toEqual([
      { name: 'system' },
      { name: 'storage', tools: ['get', 'set'] },
      { name: 'filesystem', config: { root: '/home' } },
      { name: 'auth', tools: ['login'] },
    ]);
  });

  it('turns hooks and keys into binding lists with canonical key names', () => {
    const bp = parseBlueprint(JSON.stringify({
      app: { id: 't', name: 'T' },
      services: ['storage'],
      ui: {
        components: [],
        lifecycle: { on_mount: ['storage.get', { tool: 'system.log', args: { msg: 'up' } }], on_focus: 'ui.set' },
        keys: { '7': 'ui.append', enter: 'ui.compute', Esc: 'ui.clear', 'ctrl+s': 'storage.set', 'M-x': ['ui.show'], ' ': 'ui.toggle', 'C-S-tab': 'ui.hide', f5: 'ui.set', '-': 'ui.backspace' },
      },
    }));
    expect(bp.ui.lifecycle).toEqual({ on_mount: [{ tool: 'storage.get' }, { tool: 'system.log', args: { msg: 'up' } }], on_focus: [{ tool: 'ui.set' }] });
    expect(Object.keys(bp.ui.keys!)).toEqual(['7', 'Enter', 'Escape', 'C-s', 'M-x', 'Space', 'C-S-Tab', 'F5', '-']);
  });

  it('normalizes permissions written the original\'s ways', () => {
    const bp = parseBlueprint(JSON.stringify({ app: { id: 't', name: 'T', permissions: ['standard', 'ReadFile', 'list_directory', 'READ_FILE'] }, ui: { components: [] } }));
    expect(bp.app.permissions).toEqual(['STANDARD', 'READ_FILE', 'LIST_DIRECTORY']);
  });

  it('checks tools against a registered catalog, with services from its entries', () => {
    setKnownTools(['ui.append', { id: 'notes.save', service: 'storage' }, { id: 'system.time', service: null }]);
    expect(() => parseBlueprint(app([{ 'button#b': { '@click': 'ui.append' } }]))).not.toThrow();
    expect(() => parseBlueprint(app([{ 'button#b': { '@click': 'system.time' } }]))).not.toThrow();
    expect(() => parseBlueprint(app([{ 'button#b': { '@click': 'notes.save' } }]))).toThrow(/needs the "storage" service/);
    expect(() => parseBlueprint(app([{ 'button#b': { '@click': 'ui.apend' } }]))).toThrow(/unknown tool "ui.apend" \(did you mean "ui.append"\?\)/);
    // A per-call list overrides the registered one.
    expect(() => parseBlueprint(app([{ 'button#b': { '@click': 'ui.apend' } }]), 'x.bp', { knownTools: ['ui.apend'] })).not.toThrow();
  });
});

describe('canonical output', () => {
  it('parses back to itself, and every documented example loads', () => {
    for (const [name, src] of Object.entries(BLUEPRINT_EXAMPLES)) {
      let bp: Blueprint;
      try {
        bp = parseBlueprint(src, `${name}.bp`);
      } catch (e) {
        throw new Error(`docs example "${name}" does not load:\n${(e as Error).message}`);
      }
      expect(parseBlueprint(JSON.stringify(bp))).toEqual(bp);
      expect(BlueprintSchema.safeParse(bp).success).toBe(true);
    }
  });

  it('exports JSON Schema of the canonical form', () => {
    const schema = blueprintJsonSchema() as { required: string[]; $defs: Record<string, unknown> };
    expect(schema.required).toEqual(['app', 'services', 'ui']);
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['Component', 'ToolBinding', 'Binding']));
    expect(JSON.stringify(schema)).toContain('"app-shortcut"');
  });
});

describe('files and values', () => {
  it('refuses files over 512 KB before parsing them', () => {
    const file = path.join(tempDir(), 'big.bp');
    writeFileSync(file, JSON.stringify({ app: { id: 't', name: 'x'.repeat(600 * 1024) } }));
    const e = (() => { try { loadBlueprintFile(file); } catch (err) { return err; } })();
    expect(e).toBeInstanceOf(BlueprintError);
    expect((e as BlueprintError).message).toMatch(/big\.bp:1:1 \(root\): the file is 6\d\d KB, over the 512 KB limit/);
    expect(() => parseBlueprint('"' + 'é'.repeat(300 * 1024) + '"')).toThrow(/over the 512 KB limit/);
  });

  it('reports a missing file as an issue', () => {
    expect(() => loadBlueprintFile('/nonexistent/x.bp')).toThrow(/^\/nonexistent\/x\.bp:1:1 \(root\): no such file$/);
  });

  it('validates values, with positions in their indented JSON', () => {
    const e = (() => { try { validateBlueprint({ app: { id: 't', name: 'T' }, ui: { components: [{ type: 'buton' }] } }); } catch (err) { return err as BlueprintError; } })();
    expect(e?.issues).toEqual([{ file: '<blueprint>', line: 9, col: 17, path: 'ui.components[0].type', message: 'unknown component "buton" (did you mean "button"?)' }]);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => validateBlueprint(cyclic)).toThrow(/not JSON-serializable/);
  });
});
