import { beforeEach, describe, expect, it } from 'vitest';
import { BlueprintError, parseBlueprint, setKnownTools, type ParseOptions } from '../../src/blueprint/index.js';

beforeEach(() => setKnownTools(null));

/** The error lines a source produces (it must fail). */
function errors(source: string, opts?: ParseOptions): string[] {
  try {
    parseBlueprint(source, 'notes.bp', opts);
  } catch (e) {
    if (e instanceof BlueprintError) return e.message.split('\n');
    throw e;
  }
  throw new Error('expected the Blueprint to be refused');
}

/** A Blueprint with the given components as pretty JSON, so positions are predictable. */
const withComponents = (components: unknown, top: Record<string, unknown> = {}) =>
  JSON.stringify({ app: { id: 'notes', name: 'Notes' }, services: [], ...top, ui: { title: 'Notes', components } }, null, 2);

describe('error messages', () => {
  it('name file, line, column and path, with a did-you-mean', () => {
    const src = [
      '{',
      '  "app": {"id": "notes", "name": "Notes"},',
      '  "ui": {',
      '    "components": [',
      '      {"type": "text", "props": {"content": "hi"}},',
      '      {"type": "text"},',
      '      {',
      '        "type": "buton",',
      '        "id": "save"',
      '      }',
      '    ]',
      '  }',
      '}',
    ].join('\n');
    expect(errors(src)).toEqual(['notes.bp:8:17 ui.components[2].type: unknown component "buton" (did you mean "button"?)']);
  });

  it('report every issue in source order, once per place', () => {
    const lines = errors(withComponents([
      { 'button#b-{{item}}': { $for: [1, 2, 3], text: 'x', colour: 'red' } },
      { type: 'slider', id: 's', props: { min: 'zero' } },
    ]));
    expect(lines).toEqual([
      'notes.bp:18:11 ui.components[0]["button#b-{{item}}"].colour: unknown prop "colour" for button; button takes text, variant, size, fullWidth, disabled, style',
      'notes.bp:25:18 ui.components[1].props.min: expected a number, got "zero"',
    ]);
  });
});

describe('bad JSON', () => {
  const cases: [string, string][] = [
    ['{"app": {"id": "a",}}', 'notes.bp:1:20 app: bad JSON: trailing comma before "}"'],
    ['{"app": [1, 2,]}', 'notes.bp:1:15 app: bad JSON: trailing comma before "]"'],
    ['{\n  "app": {"id": "a"\n  "ui": {}}', 'notes.bp:3:3 app: bad JSON: expected "," or "}" after the value of "id", found """'],
    ['{"app": "abc', 'notes.bp:1:9 app: bad JSON: unterminated string (missing closing ")'],
    ["{'app': 1}", 'notes.bp:1:2 (root): bad JSON: expected a key in double quotes, found "\'"'],
    ['{"a": 1} // done', 'notes.bp:1:10 (root): bad JSON: unexpected "/" after the end of the JSON value'],
    ['', 'notes.bp:1:1 (root): bad JSON: the file is empty: expected a JSON object'],
    ['{"a": tru}', 'notes.bp:1:7 a: bad JSON: expected a value, found "t"'],
    ['{"a": 1, "a": 2}', 'notes.bp:1:10 (root): bad JSON: duplicate key "a"'],
    ['{"a": "x\ny"}', 'notes.bp:1:9 a: bad JSON: unterminated string (a string cannot span lines)'],
    ['{"a": 01}', 'notes.bp:1:8 (root): bad JSON: expected "," or "}" after the value of "a", found "1"'],
    ['{"a": "\\q"}', 'notes.bp:1:8 a: bad JSON: bad escape "\\q" in a string'],
  ];
  for (const [src, line] of cases) it(`reports ${JSON.stringify(src)}`, () => expect(errors(src)).toEqual([line]));

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(errors(deep)[0]).toMatch(/^notes\.bp:1:202 \[0\]\[0\].*: bad JSON: nested deeper than 200 levels$/);
  });
});

describe('app, services and permissions', () => {
  it('requires app id and name', () => {
    expect(errors('{"app": {"icon": "x"}, "ui": {"components": []}}')).toEqual([
      'notes.bp:1:9 app.id: missing "id": every app needs an id such as "calculator"',
      'notes.bp:1:9 app.name: missing "name": every app needs a name to show, such as "Calculator"',
    ]);
    expect(errors('{"ui": {"components": []}}')).toEqual(['notes.bp:1:1 app: missing "app": every Blueprint needs "app": {"id": ..., "name": ...}']);
  });

  it('refuses bad categories and permissions', () => {
    expect(errors('{"app": {"id": "a", "name": "A", "category": "utilites", "permissions": ["STANDAR", "READ_FILES", "ROOT"]}, "ui": {"components": []}}')).toEqual([
      'notes.bp:1:46 app.category: expected one of "system", "productivity", "utilities", "creative", got "utilites" (did you mean "utilities"?)',
      'notes.bp:1:74 app.permissions[0]: unknown permission "STANDAR" (did you mean "STANDARD"?): use a profile (MINIMAL, STANDARD, PRIVILEGED) or a capability (READ_FILE, WRITE_FILE, CREATE_FILE, DELETE_FILE, LIST_DIRECTORY, SPAWN_PROCESS, KILL_PROCESS, NETWORK_ACCESS, BIND_PORT, SYSTEM_INFO, TIME_ACCESS, SEND_MESSAGE, RECEIVE_MESSAGE, NETWORK_NAMESPACE, MOUNT)',
      expect.stringMatching(/^notes\.bp:1:85 app\.permissions\[1\]: unknown permission "READ_FILES" \(did you mean "READ_FILE"\?\)/),
      expect.stringMatching(/^notes\.bp:1:99 app\.permissions\[2\]: unknown permission "ROOT": use a profile/),
    ]);
  });

  it('refuses unknown services and tools a service does not have', () => {
    expect(errors('{"app": {"id": "a", "name": "A"}, "services": ["storag", {"storage": ["get", "put"]}], "ui": {"components": []}}')).toEqual([
      'notes.bp:1:48 services[0]: unknown service "storag" (did you mean "storage"?); services are storage, filesystem, system, auth',
      'notes.bp:1:78 services[1].storage[1]: service "storage" has no tool "put" (did you mean "set"?); it offers set, get, remove, list, clear',
    ]);
  });

  it('refuses unknown top-level and ui keys', () => {
    expect(errors('{"app": {"id": "a", "name": "A"}, "servces": [], "ui": {"components": [], "titel": "x"}}')).toEqual([
      expect.stringMatching(/^notes\.bp:1:35 servces: unknown key "servces" in a Blueprint \(did you mean "services"\?\)/),
      expect.stringMatching(/^notes\.bp:1:75 ui\.titel: unknown key "titel" in "ui" \(did you mean "title"\?\)/),
    ]);
  });
});

describe('components', () => {
  it('refuses duplicate ids, pointing at the second and naming the first', () => {
    expect(errors(withComponents([{ 'text#a': 'x' }, { type: 'text', id: 'a' }]))).toEqual([
      'notes.bp:15:15 ui.components[1].id: duplicate id "a" (first used at 11:9)',
    ]);
  });

  it('explains ids repeated by $for', () => {
    expect(errors(withComponents([{ 'text#same': { $for: 2, content: '{{item}}' } }]))[0]).toMatch(/duplicate id "same" .*use the \$for variable in the id/);
  });

  it('refuses bad ids', () => {
    expect(errors(withComponents([{ type: 'text', id: 'a.b' }]))[0]).toMatch(/ui\.components\[0\]\.id: bad id "a\.b": an id uses letters, digits/);
  });

  it('refuses unknown props, with hints for events and misplaced props', () => {
    expect(errors(withComponents([
      { type: 'button', id: 'a', props: { onClick: 'ui.set' } },
      { type: 'button', id: 'b', text: 'Hi' },
    ]))).toEqual([
      'notes.bp:14:11 ui.components[0].props.onClick: unknown prop "onClick" for button (events go in "on_event", or "@click" in the shorthand); button takes text, variant, size, fullWidth, disabled, style',
      'notes.bp:20:9 ui.components[1].text: unknown key "text" in a component ("text" is a prop: it goes inside "props")',
    ]);
  });

  it('refuses bad events and bindings', () => {
    expect(errors(withComponents([
      { 'button#a': { '@clik': 'ui.set', '@click': [{ tool: 'ui.set', params: {} }, 'bad tool', ['ui.set']] } },
      { 'text#t': { content: 'Now {{stat.x}} and {{ 1 + 1 }} and {{config.nope}}' } },
    ]))).toEqual([
      expect.stringMatching(/^notes\.bp:12:11 .*\["@clik"\]: unknown event "clik" \(did you mean "click"\?\)/),
      'notes.bp:16:15 ui.components[0]["button#a"]["@click"][0].params: unknown key "params" in a tool binding (write "args"); expected "tool", "args"',
      'notes.bp:18:13 ui.components[0]["button#a"]["@click"][1]: bad tool id "bad tool": a tool id is family.verb, e.g. "ui.append"',
      'notes.bp:19:13 ui.components[0]["button#a"]["@click"][2]: a tool binding is a tool id ("ui.append"), {"tool": "ui.set", "args": {...}}, or a list of these; lists do not nest',
      'notes.bp:27:22 ui.components[1]["text#t"].content: unknown binding root "stat" in "{{stat.x}}" (did you mean "state"?): bindings read state, event, props, config',
      'notes.bp:27:22 ui.components[1]["text#t"].content: bad binding "{{1 + 1}}": write a path such as {{state.display}} or {{event.value}}',
      'notes.bp:27:22 ui.components[1]["text#t"].content: "{{config.nope}}" has no value at load time',
    ]);
  });

  it('refuses children where there can be none, and a defaultTab that is not a child', () => {
    expect(errors(withComponents([
      { 'button#b': { children: ['x'] } },
      { 'tabs#t': { defaultTab: 'setings', children: [{ 'col#settings': { label: 'Settings' } }, { 'col#about': { label: 'About' } }] } },
    ]))).toEqual([
      expect.stringMatching(/^notes\.bp:12:23 ui\.components\[0\]\["button#b"\]\.children: button has no children; put them in a container/),
      expect.stringMatching(/^notes\.bp:17:7 ui\.components\[1\]\.props\.defaultTab: defaultTab "setings" is not a child of these tabs \(did you mean "settings"\?\); children: settings, about$/),
    ]);
  });

  it('takes label only on children of tabs', () => {
    expect(errors(withComponents([{ 'col#c': { label: 'x' } }]))[0]).toMatch(/unknown prop "label" for container/);
  });

  it('refuses unknown templates and bad $for / $if', () => {
    expect(errors(withComponents(
      [
        { 'button#a': { $template: 'primry' } },
        { 'text#t-{{x}}': { $for: { each: 'config.items', as: 'state' } } },
        { 'text#u': { $for: 5000 } },
        { 'text#v': { $if: 'state.debug' } },
        { 'text#w': { $for: { each: 'config.missing' } } },
      ],
      { templates: { primary: { variant: 'primary' } }, config: { items: [1] } },
    ))).toEqual([
      expect.stringMatching(/\$template: unknown template "primry" \(did you mean "primary"\?\)$/),
      expect.stringMatching(/\$for\.as: \$for "as" cannot be "state"/),
      expect.stringMatching(/\$for: \$for repeats at most 1000 times; this asks for 5000$/),
      expect.stringMatching(/\$if: "state" is only known at run time: \$if and \$for read config$/),
      expect.stringMatching(/\$for\.each: \$for "each" is a list, a whole number of times, or a path to one; got nothing$/),
    ]);
  });
});

describe('tools and services', () => {
  it('refuses service tools the app did not declare, or outside its subset', () => {
    const src = withComponents([{ 'button#a': { '@click': ['storage.set', 'filesystem.read', 'storage.get', 'system.log', 'system.info'] } }], { services: [{ storage: ['get'] }] });
    expect(errors(src)).toEqual([
      'notes.bp:19:13 ui.components[0]["button#a"]["@click"][0]: tool "storage.set" is outside the declared "storage" subset (get): add "set" to it',
      'notes.bp:20:13 ui.components[0]["button#a"]["@click"][1]: tool "filesystem.read" needs the "filesystem" service: add "filesystem" to "services"',
      'notes.bp:23:13 ui.components[0]["button#a"]["@click"][4]: tool "system.info" needs the "system" service: add "system" to "services"',
    ]);
  });

  it('refuses tools missing from the runtime\'s catalog, in events, hooks and keys', () => {
    const src = '{"app": {"id": "a", "name": "A"}, "ui": {"components": [{"button#b": {"@click": "ui.apend"}}], "lifecycle": {"on_mount": "ui.st"}, "keys": {"Enter": "math.ad"}}}';
    expect(errors(src, { knownTools: ['ui.append', 'ui.set', 'math.add'] })).toEqual([
      'notes.bp:1:81 ui.components[0]["button#b"]["@click"]: unknown tool "ui.apend" (did you mean "ui.append"?)',
      'notes.bp:1:122 ui.lifecycle.on_mount: unknown tool "ui.st" (did you mean "ui.set"?)',
      'notes.bp:1:150 ui.keys.Enter: unknown tool "math.ad" (did you mean "math.add"?)',
    ]);
  });

  it('accepts any family.verb id when no catalog is known', () => {
    expect(() => parseBlueprint(withComponents([{ 'button#b': { '@click': 'calc.append_digit' } }]))).not.toThrow();
  });
});

describe('keys', () => {
  it('refuses unknown key names and keys bound twice', () => {
    expect(errors('{"app": {"id": "a", "name": "A"}, "ui": {"components": [], "keys": {"Escpe": "ui.clear", "Hyper-x": "ui.set", "enter": "ui.set", "Enter": "ui.set", "F13": "ui.set"}}}')).toEqual([
      expect.stringMatching(/^notes\.bp:1:69 ui\.keys\.Escpe: unknown key "Escpe" \(did you mean "Escape"\?\)/),
      'notes.bp:1:90 ui.keys.Hyper-x: unknown modifier "Hyper" in key "Hyper-x": use C- (Ctrl), M- (Meta/Alt) or S- (Shift)',
      'notes.bp:1:130 ui.keys.Enter: key "Enter" is the same key as "enter" (Enter), bound twice',
      expect.stringMatching(/^notes\.bp:1:149 ui\.keys\.F13: unknown key "F13" \(did you mean "F1"\?\)/),
    ]);
  });
});

describe('issues quoting what the file said', () => {
  it('stay on one line and draw nothing when a key holds a newline or an escape sequence', () => {
    const src = JSON.stringify({ app: { id: 'x', name: 'X' }, ui: { title: 'T', 'compon\nents\u001b[2J': [] } });
    let message = '';
    try {
      parseBlueprint(src, 'odd.bp');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('unknown key "compon\\nents\\u001b[2J" in "ui"');
    expect(message.split('\n').every((line) => /^odd\.bp:\d+:\d+ /.test(line))).toBe(true);
    expect(message).not.toContain('\u001b');
  });

  it('refuses components nested more than 64 deep, so every canonical form reads back (found by npm run fuzz)', () => {
    const deep = (n: number) => {
      let c: unknown = 'leaf';
      for (let i = 0; i < n; i++) c = { col: [c] };
      return JSON.stringify({ app: { id: 'deep', name: 'Deep' }, ui: { components: [c] } });
    };
    const ok = parseBlueprint(deep(63), 'deep.bp');
    expect(parseBlueprint(JSON.stringify(ok), 'deep.bp')).toEqual(ok);
    expect(() => parseBlueprint(deep(64), 'deep.bp')).toThrow(/components nested more than 64 levels deep: flatten the layout/);
  });

  it('stay on one line when the JSON itself is broken inside such a key (found by npm run fuzz)', () => {
    // A key holding an escaped carriage return, whose closing quote is missing.
    const src = '{"app": {"id": "x", "name": "X"}, "ui": {"components": [{"\\r: "Pressed"}]}}';
    let message = '';
    try {
      parseBlueprint(src, 'odd.bp');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^odd\.bp:1:\d+ ui\.components\[0\]: bad JSON: expected ":" after key "\\r: ", found "P"$/);
    expect(message).not.toMatch(/[\r\n]/);
  });
});
