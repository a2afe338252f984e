import type { z } from 'zod';
import { TWO_WAY_PROPS } from '../blueprint/bindings.js';
import { COMPONENT_PROPS, CONTAINER_TYPES, EVENT_NAMES, PRIMARY_PROP, ROLE_ALIASES, TYPE_ALIASES } from '../blueprint/components.js';
import { MAX_FOR_ITEMS } from '../blueprint/directives.js';
import { MAX_DEPTH } from '../blueprint/json.js';
import { KEY_ALIASES, MODIFIERS, NAMED_KEYS } from '../blueprint/keys.js';
import { SERVICE_TOOLS } from '../blueprint/known-tools.js';
import { MAX_COMPONENTS } from '../blueprint/normalize-components.js';
import { MAX_BLUEPRINT_BYTES } from '../blueprint/parse.js';
import { AppInfoSchema, PERMISSION_NAMES } from '../blueprint/schema.js';
import { CATEGORIES, COMPONENT_TYPES } from '../blueprint/types.js';
import { argInfo } from '../kernel/introspect.js';

const esc = (s: string) => s.replace(/\|/g, '\\|');
const code = (s: string) => '```json\n' + s + '\n```';

/** The examples shown in docs/BLUEPRINT.md; tests load every one of them. */
export const BLUEPRINT_EXAMPLES = {
  explicit: `{
  "app": {"id": "calculator", "name": "Calculator", "icon": "🧮", "category": "utilities", "permissions": ["STANDARD"]},
  "services": [],
  "ui": {
    "title": "Calculator",
    "layout": "vertical",
    "components": [
      {"type": "input", "id": "display", "props": {"value": "0", "readonly": true}},
      {"type": "button", "id": "btn-7", "props": {"text": "7"}, "on_event": {"click": "ui.append"}}
    ],
    "keys": {"7": "ui.append", "Enter": "ui.compute", "Escape": "ui.clear"}
  }
}`,
  shorthand: `{
  "app": {"id": "notes", "name": "Notes", "icon": "📝", "category": "productivity"},
  "services": [{"storage": ["get", "set", "list"]}],
  "templates": {"tool-button": {"variant": "ghost", "size": "small"}},
  "ui": {
    "title": "Notes",
    "layout": "horizontal",
    "lifecycle": {"on_mount": "storage.list"},
    "components": [
      {"sidebar": {"gap": 8, "children": [
        {"text#heading": {"content": "Notes", "variant": "h3"}},
        {"button#new": {"$template": "tool-button", "text": "+ New", "@click": "ui.clear"}},
        {"list#notes-list": {"variant": "bordered"}}
      ]}},
      {"main": [
        {"input#note-title": {"placeholder": "Title", "@change": "storage.set"}},
        {"textarea#note-body": {"rows": 20, "@change": {"tool": "storage.set", "args": {"key": "{{state.note-title}}", "value": "{{event.value}}"}}}},
        "Saved automatically."
      ]}
    ]
  }
}`,
  loops: `{
  "app": {"id": "keypad", "name": "Keypad"},
  "config": {"digits": [7, 8, 9, 4, 5, 6, 1, 2, 3, 0], "scientific": false},
  "ui": {
    "title": "Keypad",
    "components": [
      {"input#display": {"value": "0", "readonly": true}},
      {"grid#pad": {"columns": 3, "children": [
        {"button#btn-{{d}}": {"$for": {"each": "config.digits", "as": "d"}, "text": "{{d}}", "@click": "ui.append"}}
      ]}},
      {"button#sin": {"$if": "config.scientific", "text": "sin", "@click": {"tool": "math.sin", "args": {"x": "{{state.display}}"}}}},
      {"text#count": {"content": "Pressed: {{state.presses}}"}}
    ]
  }
}`,
};

function propsTable(shape: Record<string, z.ZodType>, head = 'prop', types: Record<string, string> = {}): string[] {
  const out = [`| ${head} | type | meaning |`, '|---|---|---|'];
  for (const [name, schema] of Object.entries(shape)) {
    const a = argInfo(name, schema);
    out.push(`| \`${name}\` | ${esc(types[name] ?? a.type)} | ${esc(a.doc)} |`);
  }
  return out;
}

function componentSection(): string[] {
  const out: string[] = [];
  for (const type of COMPONENT_TYPES) {
    const notes: string[] = [];
    if (CONTAINER_TYPES.has(type)) notes.push('holds `children`');
    if (PRIMARY_PROP[type]) notes.push(`shorthand string sets \`${PRIMARY_PROP[type]}\``);
    if (TWO_WAY_PROPS[type]) notes.push(`\`${TWO_WAY_PROPS[type]}\` is two-way bound to \`state[id]\``);
    const aliases = Object.entries(TYPE_ALIASES).filter(([, a]) => a.type === type).map(([n]) => `\`${n}\``);
    if (aliases.length) notes.push(`also written ${aliases.join(', ')}`);
    out.push(`### ${type}`, '');
    if (notes.length) out.push(notes.join('; ') + '.', '');
    out.push(...propsTable(COMPONENT_PROPS[type] as Record<string, z.ZodType>), '| `style` | object | inline style: CSS property -> value |', '');
  }
  return out;
}

/** docs/BLUEPRINT.md, rendered from the Blueprint schema and tables. */
export function renderBlueprint(): string {
  const appShape = AppInfoSchema.shape as Record<string, z.ZodType>;
  return [
    '# Blueprint',
    '',
    '<!-- Generated from src/blueprint/ by `npm run docs`. Do not edit by hand. -->',
    '',
    'A Blueprint (`.bp`, or the legacy `.aiapp`) is a JSON file describing one app: what it is (`app`),',
    'the services it uses (`services`), and its window (`ui`). Apps are loaded by `parseBlueprint` /',
    '`loadBlueprintFile`, which accept two spellings, the explicit form and the shorthand form, and turn',
    'both into one canonical form (the types in `src/blueprint/types.ts`). `blueprintJsonSchema()` gives',
    'the JSON Schema of the canonical form, for a model\'s structured output.',
    '',
    '## A first app',
    '',
    'The explicit form: every component is `{type, id, props, on_event, children}`.',
    '',
    code(BLUEPRINT_EXAMPLES.explicit),
    '',
    'A notes app in the shorthand form: a component is a `"type#id"` key holding its props;',
    '`@event` keys bind tools; a bare string is a text component; layout aliases name containers.',
    '',
    code(BLUEPRINT_EXAMPLES.shorthand),
    '',
    '## Top level',
    '',
    '| key | required | what |',
    '|---|---|---|',
    '| `app` | yes | id, name and metadata (below) |',
    '| `services` | no | services the app may call, default none |',
    '| `ui` | yes | `title` (default: app name), `layout` (`vertical` default, or `horizontal`), `components` (required), `lifecycle`, `keys` |',
    '| `templates` | no | named props objects that components merge with `$template` |',
    '| `config` | no | static values read by `$if`, `$for` and `{{config.x}}` at load time |',
    '',
    'Unknown keys anywhere are errors, with a suggestion when one is close.',
    '',
    '### app',
    '',
    ...propsTable(appShape, 'field', { permissions: 'string[]' }),
    '',
    `Categories: ${CATEGORIES.map((c) => `\`${c}\``).join(', ')}. Permissions: a profile (\`MINIMAL\`, \`STANDARD\`, \`PRIVILEGED\`) and/or`,
    `capability names (${PERMISSION_NAMES.slice(3).map((p) => `\`${p}\``).join(', ')}); the original's spellings`,
    '`ReadFile`, `read_file` and `standard` are accepted and written in the canonical form. An app gets these',
    'grants and nothing more.',
    '',
    '### services',
    '',
    'Each entry is a service name (all its tools), `{"name": [tools...]}` (only those tools), or',
    '`{"name": {"tools": [...] | "*", ...options}}` (options are kept as the service\'s `config`).',
    'The canonical form is `{"name": "storage", "tools": ["get"]}`. Calling a service tool the app did not',
    'declare, or one outside its declared subset, is an error when the Blueprint loads.',
    '',
    '| service | tools |',
    '|---|---|',
    ...Object.entries(SERVICE_TOOLS).map(([s, tools]) => `| \`${s}\` | ${tools.map((t) => `\`${t}\``).join(', ')} |`),
    '',
    '`system.log` is also a built-in tool, so it needs no service.',
    '',
    '## Components',
    '',
    '### Explicit form',
    '',
    '`{"type": "button", "id": "save", "props": {"text": "Save"}, "on_event": {"click": "storage.set"}, "children": [...]}`.',
    'Only `type` is required. A missing id becomes `<type>-<n>` (numbered per type in document order,',
    'skipping ids written by hand). Ids use letters, digits, `-` and `_` and are unique in the app: an id is',
    'also the component\'s state key.',
    '',
    '### Shorthand form',
    '',
    '- `{"button#save": {...}}`: the key is `type#id` (`#id` optional); the value holds the props.',
    '- Inside it, `"@click": binding` (any event) becomes `on_event.click`; `"children": [...]` are the children;',
    '  `$template`, `$if`, `$for` are directives (they may also sit beside the key).',
    '- `{"button#save": "Save"}`: a string sets the type\'s main prop (table below).',
    '- `{"row": [...]}`: a list is the children.',
    '- `"Some text"`: a bare string is a text component.',
    '',
    '| type | main prop |',
    '|---|---|',
    ...Object.entries(PRIMARY_PROP).map(([t, p]) => `| \`${t}\` | \`${p}\` |`),
    '',
    '### Layout aliases',
    '',
    '| written | becomes |',
    '|---|---|',
    ...Object.entries(TYPE_ALIASES).map(([name, a]) => `| \`${name}\` | \`${a.type}\`${Object.keys(a.props).length ? ` with ${Object.entries(a.props).map(([k, v]) => `\`${k}: ${JSON.stringify(v)}\``).join(', ')}` : ''} |`),
    '',
    `The semantic names (${ROLE_ALIASES.map((r) => `\`${r}\``).join(', ')}) set \`props.role\`. Props written on the`,
    'component win over those the alias implies. Aliases work in both forms (`"type": "row"`).',
    '',
    '### Templates',
    '',
    '`"templates": {"primary-button": {"variant": "primary", "size": "large"}}` at the top level, and',
    '`"$template": "primary-button"` in a component: the template\'s props, `@events` and children are merged',
    'under the component\'s own (the component wins). A template may name its component `type`; it then',
    'must match. Templates cannot use `$if`, `$for` or `$template`.',
    '',
    '### Children of tabs',
    '',
    'Each child of `tabs` is one tab; its `props.label` is the tab title (any component type takes `label`',
    'there) and `defaultTab` must be one of the children\'s ids.',
    '',
    '## Events and tool bindings',
    '',
    `Events: ${EVENT_NAMES.map((e) => `\`${e}\``).join(', ')}.`,
    '',
    'A `list` sends `select` when the user picks an item: `{{event.value}}` is the item\'s index (0 first)',
    'and `{{event.item}}` the item itself (`{"@select": {"tool": "ui.set", "args": {"key": "picked", "value":',
    '"{{event.item.label}}"}}}`). A headless event may give the index or the item\'s value.',
    '',
    'A binding is a tool id (`"ui.append"`), an object `{"tool": "ui.set", "args": {...}}`, or a list of',
    'these, run in order. The canonical form is always a list of `{tool, args?}`. Tool ids are',
    '`family.verb`; once the runtime has registered its tools (`setKnownTools`), unknown ids are errors',
    'with a suggestion. Lifecycle hooks (`on_mount`, `on_unmount`, `on_focus`) and `ui.keys` take the same',
    'bindings.',
    '',
    '## State bindings',
    '',
    'Any string in props or in tool `args` may contain `{{path}}`:',
    '',
    '| root | read when | what |',
    '|---|---|---|',
    '| `state` | run time | the app\'s state: `{{state.display}}` (state is keyed by component id) |',
    '| `event` | run time | the event: `{{event.value}}`, `{{event.componentId}}` |',
    '| `props` | run time | the props of the component the event came from: `{{props.text}}` |',
    '| `config` | load time | the top-level `config`: `{{config.title}}` |',
    '| a `$for` variable | load time | the current item: `{{item}}`, `{{item.name}}`, `{{i}}` |',
    '',
    'A string that is exactly one binding (`"{{state.count}}"`) becomes that value with its type; a',
    'binding inside other text is interpolated (`"Total: {{state.total}}"`). Paths are dotted keys (dashes',
    'allowed, `state.note-title`) with `[n]` for list items. A prop that is exactly one run-time binding',
    'is type-checked when read. `resolveBindings(value, {state, event, props})` resolves them.',
    '',
    `Value components bind two-way by default: ${Object.entries(TWO_WAY_PROPS).map(([t, p]) => `${t} \`${p}\``).join(', ')}`,
    'read and write `state[id]`. Writing the value prop as `"{{state.other}}"` binds it to `state.other`',
    'instead (`boundStateKey(component)`). Each `change` (or `input`) of a field starts its bindings;',
    'when a newer change of the same field arrives while an older chain still waits (a slow tool, a',
    'service call), the older chain stops and its remaining state writes are dropped, so what the',
    'bindings derive from the field ends on the last value typed.',
    '',
    '## $if and $for',
    '',
    code(BLUEPRINT_EXAMPLES.loops),
    '',
    `- \`$for: {"each": LIST | COUNT | "config.path", "as": "item", "index": "i"}\` repeats the component once per`,
    `  item (a COUNT n gives 0..n-1; at most ${MAX_FOR_ITEMS}). \`as\` defaults to \`item\`; \`$for: [..]\` is short for`,
    '  `{"each": [..]}`. Inside, `{{item}}` is replaced in the key, id, props and bindings; loops nest, and',
    '  an inner `each` may read an outer variable (`"each": "row.cells"`). Ids must differ per copy.',
    '- `$if: true | false | "PATH" | "!PATH" | "PATH == VALUE" | "PATH != VALUE"` keeps the component when',
    '  the condition holds. PATH reads `config` or a `$for` variable; VALUE is a JSON literal or a bare word.',
    '  Absent, `false`, `null`, `0`, `""` and `[]` are false. `$if` is evaluated per `$for` copy.',
    '',
    'Both run once, at load time: they never read state.',
    '',
    '## Keys',
    '',
    '`ui.keys` maps key names to bindings; they run when the app\'s window has focus and no input is',
    'being edited. A key name is optional modifiers and one key:',
    '',
    `- modifiers: ${Object.entries(MODIFIERS).map(([m, n]) => `\`${m}-\` ${n}`).join(', ')} (\`Ctrl+\`, \`Alt-\`, \`Shift+\` are accepted; canonical order \`C-M-S-\`)`,
    '- one character: `7`, `+`, `a`, `A` (case matters), or',
    `- a named key: ${NAMED_KEYS.map((k) => `\`${k}\``).join(', ')} (any case; also ${Object.entries(KEY_ALIASES).map(([a, k]) => `\`${a}\`=${k}`).join(', ')})`,
    '',
    'Examples: `"Enter"`, `"C-s"`, `"M-x"`, `"C-S-Tab"`, `"F5"`, `"PageDown"`. The same key written twice',
    '(`"enter"` and `"Enter"`) is an error.',
    '',
    '## Errors',
    '',
    'Every problem is reported at once, one line each, as `file:line:col path: message`, pointing at the',
    'value (or key) at fault:',
    '',
    '```',
    'notes.bp:14:9 ui.components[2].type: unknown component "buton" (did you mean "button"?)',
    '```',
    '',
    `Limits: ${MAX_BLUEPRINT_BYTES / 1024} KB per file, ${MAX_DEPTH} levels of nesting, ${MAX_COMPONENTS} components after \`$for\`.`,
    '',
    '## Component reference',
    '',
    'Every prop is optional and may be a state binding. Unknown props are errors.',
    '',
    ...componentSection(),
  ].join('\n');
}
