import { didYouMean } from '../util/suggest.js';
import { substituteBindings, wholeBinding } from './bindings.js';
import { at, checkValue, describeValue, isObject, type Ctx, type Json } from './check.js';
import { CONTAINER_TYPES, EVENT_NAMES, isComponentType, PRIMARY_PROP, propNames, propSchema, TYPE_ALIASES, TYPE_NAMES } from './components.js';
import { evalIf, readFor } from './directives.js';
import type { Where } from './errors.js';
import { checkBindings, toolBindings, type Scope } from './normalize-bindings.js';
import { COMPONENT_ID } from './schema.js';
import type { Component, ComponentType, EventBindings } from './types.js';

/**
 * The component tree, from either form into the canonical one:
 *   explicit   {"type": "button", "id": "b", "props": {...}, "on_event": {...}, "children": [...]}
 *   shorthand  {"button#b": {...props, "@click": "tool", "children": [...]}}
 *              {"button#b": "Label"} (the type's main prop), {"row": [...children]}, "Text"
 * Both may carry $template, $if and $for. Ids left out are given as `<type>-<n>` once the
 * whole tree is known, so they never collide with ids written by hand.
 */

/** Past this many components (after $for) the app is refused. */
export const MAX_COMPONENTS = 5000;
/**
 * Containers inside containers, at most. Well under what the JSON reader takes (200 levels),
 * so an app's canonical form (a level or two deeper than shorthand) always reads back.
 */
export const MAX_NESTING = 64;

/** One prop or event as written: its key, value, and where each sits in the source. */
interface Entry {
  key: string;
  value: unknown;
  where: Where;
  keyWhere: Where;
}

/** A component as read from either form, before its type and props are checked. */
interface Draft {
  typeName: string;
  typeWhere: Where;
  id?: { value: unknown; where: Where };
  props: Entry[];
  events: Entry[];
  children?: { value: unknown; where: Where };
  forSpec?: { value: unknown; where: Where };
  ifSpec?: { value: unknown; where: Where };
  template?: { value: unknown; where: Where };
  where: Where;
}

interface Placed {
  component: Component;
  id?: { value: string; where: Where };
  inLoop: boolean;
}

interface Tree {
  placed: Placed[];
  tabs: { component: Component; where: Where }[];
}

const EXPLICIT_KEYS = ['type', 'id', 'props', 'on_event', 'children', '$template', '$if', '$for'];
const DIRECTIVES = ['$template', '$if', '$for'];

function entriesOf(ctx: Ctx, obj: Json, where: Where): Entry[] {
  return Object.keys(obj).map((key) => ({ key, value: obj[key], where: at(ctx, where, obj, key), keyWhere: at(ctx, where, obj, key, true) }));
}

function objectEntries(ctx: Ctx, raw: unknown, where: Where, what: string): Entry[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) {
    ctx.issues.add(where, `"${what}" is an object; got ${describeValue(raw)}`);
    return [];
  }
  return entriesOf(ctx, raw, where);
}

/** Sorts the keys of a shorthand body (or a template) into props, events, children and directives. */
function readBody(ctx: Ctx, body: Json, where: Where, draft: Draft, inTemplate: boolean, skip?: string) {
  for (const e of entriesOf(ctx, body, where)) {
    const k = e.key;
    if (k === skip) continue;
    if (k.startsWith('@')) draft.events.push({ ...e, key: k.slice(1) });
    else if (k === 'children') draft.children = { value: e.value, where: e.where };
    else if (k === 'on_event') draft.events.push(...objectEntries(ctx, e.value, e.where, 'on_event'));
    else if (k === 'props' && inTemplate && isObject(e.value)) draft.props.push(...entriesOf(ctx, e.value, e.where));
    else if (k === '$if' && !inTemplate) draft.ifSpec = { value: e.value, where: e.where };
    else if (k === '$for' && !inTemplate) draft.forSpec = { value: e.value, where: e.where };
    else if (k === '$template' && !inTemplate) draft.template = { value: e.value, where: e.where };
    else if (k === 'id' && !inTemplate) {
      if (draft.id) ctx.issues.add(e.keyWhere, `id given twice: "#${String(draft.id.value)}" in the key and "id" here`);
      else draft.id = { value: e.value, where: e.where };
    } else if (k.startsWith('$')) ctx.issues.add(e.keyWhere, `unknown directive "${k}"${didYouMean(k, DIRECTIVES)}${inTemplate ? ' (templates cannot use $if, $for or $template)' : ''}`);
    else draft.props.push(e);
  }
}

function readExplicit(ctx: Ctx, raw: Json, where: Where): Draft | undefined {
  const typeWhere = at(ctx, where, raw, 'type');
  if (typeof raw.type !== 'string') {
    ctx.issues.add(typeWhere, `"type" is a component name such as "button"; got ${describeValue(raw.type)}`);
    return undefined;
  }
  const draft: Draft = { typeName: raw.type, typeWhere, props: [], events: [], where };
  for (const k of Object.keys(raw)) {
    if (EXPLICIT_KEYS.includes(k)) continue;
    const kw = at(ctx, where, raw, k, true);
    const hint = k.startsWith('@') ? ' (events go in "on_event" in this form)' : isComponentType(raw.type) && propSchema(raw.type, k) ? ` ("${k}" is a prop: it goes inside "props")` : didYouMean(k, EXPLICIT_KEYS);
    ctx.issues.add(kw, `unknown key "${k}" in a component${hint}`);
  }
  if (raw.id !== undefined) draft.id = { value: raw.id, where: at(ctx, where, raw, 'id') };
  draft.props = objectEntries(ctx, raw.props, at(ctx, where, raw, 'props'), 'props');
  draft.events = objectEntries(ctx, raw.on_event, at(ctx, where, raw, 'on_event'), 'on_event');
  if (raw.children !== undefined) draft.children = { value: raw.children, where: at(ctx, where, raw, 'children') };
  for (const d of ['$if', '$for', '$template'] as const) {
    if (raw[d] === undefined) continue;
    const spec = { value: raw[d], where: at(ctx, where, raw, d) };
    if (d === '$if') draft.ifSpec = spec;
    else if (d === '$for') draft.forSpec = spec;
    else draft.template = spec;
  }
  return draft;
}

function readShorthand(ctx: Ctx, raw: Json, where: Where): Draft | undefined {
  const keys = Object.keys(raw);
  const names = keys.filter((k) => !k.startsWith('$'));
  if (names.length !== 1 || EXPLICIT_KEYS.includes(names[0]!)) {
    const typo = names.find((k) => didYouMean(k, ['type']) !== '' && k !== 'type');
    const explicitLike = names.some((k) => EXPLICIT_KEYS.includes(k));
    ctx.issues.add(
      where,
      names.length === 0
        ? 'a component needs a type: {"type": "button", ...} or {"button#id": {...}}'
        : typo
          ? `unknown key "${typo}" in a component (did you mean "type"?)`
          : explicitLike
            ? 'missing "type": a component is {"type": "button", "id": ..., "props": {...}}'
            : `a component is {"type": ..., "props": ...} or one "type#id" key; found keys ${names.map((k) => `"${k}"`).join(', ')}`,
    );
    return undefined;
  }
  const key = names[0]!;
  const hash = key.indexOf('#');
  const keyWhere = at(ctx, where, raw, key, true);
  const draft: Draft = { typeName: hash < 0 ? key : key.slice(0, hash), typeWhere: keyWhere, props: [], events: [], where };
  if (hash >= 0) draft.id = { value: key.slice(hash + 1), where: keyWhere };
  // Directives may also sit beside the type key: {"button#b": {...}, "$if": "config.x"}.
  for (const k of keys) {
    if (k === key) continue;
    const spec = { value: raw[k], where: at(ctx, where, raw, k) };
    if (k === '$if') draft.ifSpec = spec;
    else if (k === '$for') draft.forSpec = spec;
    else if (k === '$template') draft.template = spec;
    else ctx.issues.add(at(ctx, where, raw, k, true), `unknown directive "${k}"${didYouMean(k, DIRECTIVES)}`);
  }
  const body = raw[key];
  const bodyWhere = at(ctx, where, raw, key);
  if (isObject(body)) readBody(ctx, body, bodyWhere, draft, false);
  else if (Array.isArray(body)) draft.children = { value: body, where: bodyWhere };
  else if (typeof body === 'string' || typeof body === 'number') {
    const type = isComponentType(draft.typeName) ? draft.typeName : TYPE_ALIASES[draft.typeName]?.type;
    const prop = type && PRIMARY_PROP[type];
    if (prop) draft.props.push({ key: prop, value: body, where: bodyWhere, keyWhere: bodyWhere });
    else if (type) ctx.issues.add(bodyWhere, `${type} has no main prop to take ${describeValue(body)}: give it an object of props`);
    // An unknown type is reported once, when the type is checked.
  } else if (body !== null) ctx.issues.add(bodyWhere, `the body of "${key}" is an object of props, a list of children, or a string; got ${describeValue(body)}`);
  return draft;
}

/** Merges a named template under the component's own props, events and children. */
function applyTemplate(ctx: Ctx, draft: Draft) {
  const t = draft.template!;
  if (typeof t.value !== 'string') return ctx.issues.add(t.where, `$template is the name of an entry in "templates"; got ${describeValue(t.value)}`);
  const tpl = ctx.templates.get(t.value);
  if (!tpl) return ctx.issues.add(t.where, `unknown template "${t.value}"${didYouMean(t.value, ctx.templates.keys())}${ctx.templates.size ? '' : ': the Blueprint has no "templates"'}`);
  const base: Draft = { typeName: '', typeWhere: tpl.where, props: [], events: [], where: tpl.where };
  const type = tpl.raw.type;
  // In a template, "type" names the component, unless it is not a component name (an input's type prop).
  const namesType = typeof type === 'string' && resolveType(type) !== undefined;
  if (namesType) {
    const mine = resolveType(draft.typeName)?.type;
    const theirs = resolveType(type)!.type;
    if (mine && mine !== theirs) ctx.issues.add(t.where, `template "${t.value}" is for ${theirs}, not ${mine}`);
  }
  readBody(ctx, tpl.raw, tpl.where, base, true, namesType ? 'type' : undefined);
  const own = new Set(draft.props.map((e) => e.key));
  draft.props = [...base.props.filter((e) => !own.has(e.key)), ...draft.props];
  const ownEvents = new Set(draft.events.map((e) => e.key));
  draft.events = [...base.events.filter((e) => !ownEvents.has(e.key)), ...draft.events];
  draft.children ??= base.children;
}

function resolveType(name: string): { type: ComponentType; props: Record<string, unknown> } | undefined {
  if (isComponentType(name)) return { type: name, props: {} };
  return Object.hasOwn(TYPE_ALIASES, name) ? TYPE_ALIASES[name] : undefined;
}

function eventName(name: string) {
  const lower = name.replace(/^(@|on[-_]?)/i, '').toLowerCase();
  return (EVENT_NAMES as readonly string[]).includes(lower) ? lower : undefined;
}

function buildProps(ctx: Ctx, type: ComponentType, draft: Draft, aliasProps: Record<string, unknown>, inTabs: boolean, scope: Scope) {
  const props: Record<string, unknown> = { ...aliasProps };
  for (const e of draft.props) {
    const schema = propSchema(type, e.key, inTabs);
    if (!schema) {
      const ev = eventName(e.key);
      const hint = ev ? ` (events go in "on_event", or "@${ev}" in the shorthand)` : didYouMean(e.key, propNames(type, inTabs));
      ctx.issues.add(e.keyWhere, `unknown prop "${e.key}" for ${type}${hint}; ${type} takes ${propNames(type, inTabs).join(', ')}`);
      continue;
    }
    checkBindings(ctx, e.value, e.where, scope);
    let value = substituteBindings(e.value, scope);
    // "{{item}}" in a text prop means the item as text, even when the item is a number.
    if (typeof e.value === 'string' && (typeof value === 'number' || typeof value === 'boolean') && !schema.safeParse(value).success) value = String(value);
    // A prop that is wholly a state binding is checked when it is read, at run time.
    const runtime = wholeBinding(value);
    if (runtime?.ok) props[e.key] = value;
    else if (checkValue(ctx, schema, value, e.where, e.value) !== undefined) props[e.key] = value;
  }
  return props;
}

function buildEvents(ctx: Ctx, draft: Draft, scope: Scope): EventBindings | undefined {
  if (!draft.events.length) return undefined;
  const out: EventBindings = {};
  for (const e of draft.events) {
    if (!(EVENT_NAMES as readonly string[]).includes(e.key)) {
      const known = eventName(e.key);
      ctx.issues.add(e.keyWhere, `unknown event "${e.key}"${known ? ` (did you mean "${known}"?)` : didYouMean(e.key, EVENT_NAMES)}; events are ${EVENT_NAMES.join(', ')}`);
      continue;
    }
    out[e.key] = toolBindings(ctx, e.value, e.where, scope);
  }
  return out;
}

/** Makes one component from a draft under one scope (one iteration of its $for). */
function build(ctx: Ctx, tree: Tree, draft: Draft, scope: Scope, parent: ComponentType | undefined, inLoop: boolean, out: Component[]) {
  if (draft.ifSpec && !evalIf(ctx, draft.ifSpec.value, draft.ifSpec.where, scope)) return;
  if (++ctx.componentCount > MAX_COMPONENTS) {
    if (ctx.componentCount === MAX_COMPONENTS + 1) ctx.issues.add(draft.where, `more than ${MAX_COMPONENTS} components: split the app or shorten its $for loops`);
    return;
  }
  const typeName = String(substituteBindings(draft.typeName, scope));
  const resolved = resolveType(typeName);
  if (!resolved) {
    ctx.issues.add(draft.typeWhere, `unknown component "${typeName}"${didYouMean(typeName, TYPE_NAMES)}`);
    return;
  }
  const { type } = resolved;
  let id: Placed['id'];
  if (draft.id) {
    const v = substituteBindings(draft.id.value, scope);
    if (typeof v !== 'string' || !COMPONENT_ID.test(v)) ctx.issues.add(draft.id.where, `bad id ${describeValue(v)}: an id uses letters, digits, "-" and "_" (it is a state key)`);
    else id = { value: v, where: draft.id.where };
  }
  const props = buildProps(ctx, type, draft, resolved.props, parent === 'tabs', scope);
  const on_event = buildEvents(ctx, draft, scope);
  const component: Component = { type, id: '', props };
  if (on_event) component.on_event = on_event;
  if (draft.children) {
    if (!CONTAINER_TYPES.has(type)) ctx.issues.add(draft.children.where, `${type} has no children; put them in a container (${[...CONTAINER_TYPES].join(', ')})`);
    else component.children = componentList(ctx, tree, draft.children.value, draft.children.where, scope, type, inLoop);
  }
  tree.placed.push({ component, id, inLoop });
  if (type === 'tabs') tree.tabs.push({ component, where: draft.where });
  out.push(component);
}

function item(ctx: Ctx, tree: Tree, raw: unknown, where: Where, scope: Scope, parent: ComponentType | undefined, inLoop: boolean, out: Component[]) {
  if (typeof raw === 'string') {
    const entry: Entry = { key: 'content', value: raw, where, keyWhere: where };
    return build(ctx, tree, { typeName: 'text', typeWhere: where, props: [entry], events: [], where }, scope, parent, inLoop, out);
  }
  if (!isObject(raw)) return ctx.issues.add(where, `a component is an object or a string of text; got ${describeValue(raw)}`);
  const draft = typeof raw.type === 'string' || (raw.type !== undefined && !Object.keys(raw).some((k) => k.includes('#'))) ? readExplicit(ctx, raw, where) : readShorthand(ctx, raw, where);
  if (!draft) return;
  if (draft.template) applyTemplate(ctx, draft);
  if (!draft.forSpec) return build(ctx, tree, draft, scope, parent, inLoop, out);
  const loop = readFor(ctx, draft.forSpec.value, draft.forSpec.where, scope);
  if (!loop) return;
  loop.items.forEach((value, i) => {
    const inner: Record<string, unknown> = { ...scope, [loop.as]: value };
    if (loop.index) inner[loop.index] = i;
    build(ctx, tree, draft, inner, parent, true, out);
  });
}

function componentList(ctx: Ctx, tree: Tree, raw: unknown, where: Where, scope: Scope, parent: ComponentType | undefined, inLoop: boolean): Component[] {
  if (!Array.isArray(raw)) {
    ctx.issues.add(where, `components are a list; got ${describeValue(raw)}`);
    return [];
  }
  if (ctx.nesting >= MAX_NESTING) {
    ctx.issues.add(where, `components nested more than ${MAX_NESTING} levels deep: flatten the layout`);
    return [];
  }
  const out: Component[] = [];
  ctx.nesting++;
  raw.forEach((c, i) => item(ctx, tree, c, at(ctx, where, raw, i), scope, parent, inLoop, out));
  ctx.nesting--;
  return out;
}

const posText = (w: Where) => `${w.pos.line}:${w.pos.col}`;

/** Gives every component its id: the written one (checked unique), else `<type>-<n>`. */
function assignIds(ctx: Ctx, tree: Tree) {
  const taken = new Map<string, Where>();
  for (const p of tree.placed) {
    if (!p.id) continue;
    const first = taken.get(p.id.value);
    if (first) ctx.issues.add(p.id.where, `duplicate id "${p.id.value}" (first used at ${posText(first)})${p.inLoop ? ': use the $for variable in the id, e.g. "#btn-{{item}}"' : ''}`);
    else taken.set(p.id.value, p.id.where);
    p.component.id = p.id.value;
  }
  const next = new Map<string, number>();
  for (const p of tree.placed) {
    if (p.id) continue;
    let n = next.get(p.component.type) ?? 1;
    while (taken.has(`${p.component.type}-${n}`)) n++;
    p.component.id = `${p.component.type}-${n}`;
    next.set(p.component.type, n + 1);
  }
}

/** `tabs.defaultTab` must name one of its children. */
function checkTabs(ctx: Ctx, tree: Tree) {
  for (const { component, where } of tree.tabs) {
    const want = component.props.defaultTab;
    if (typeof want !== 'string' || wholeBinding(want)) continue;
    const ids = (component.children ?? []).map((c) => c.id);
    if (!ids.includes(want)) ctx.issues.add({ pos: where.pos, path: { parent: { parent: where.path, key: 'props' }, key: 'defaultTab' } }, `defaultTab "${want}" is not a child of these tabs${didYouMean(want, ids)}${ids.length ? `; children: ${ids.join(', ')}` : ''}`);
  }
}

/** `ui.components` -> the canonical component tree. */
export function components(ctx: Ctx, raw: unknown, where: Where): Component[] {
  const tree: Tree = { placed: [], tabs: [] };
  const out = componentList(ctx, tree, raw, where, ctx.scope, undefined, false);
  assignIds(ctx, tree);
  checkTabs(ctx, tree);
  return out;
}
