import { TWO_WAY_PROPS, boundStateKey, resolveBindings } from '../blueprint/bindings.js';
import type { Blueprint, Component, ComponentType } from '../blueprint/types.js';

/**
 * How a component's props follow the app's state. Views call `resolvedProps` and draw what
 * it returns; they never read state conventions themselves.
 *
 * - Bindings (`{{state.x}}`, see blueprint/bindings.ts) are resolved.
 * - The state key of a component (its id, or the key its value prop binds) drives one prop:
 *   value-holding components both ways (input, textarea, select, slider, checkbox); for the
 *   others one way, so `ui.set {key: "result"}` shows in a text with id "result".
 * - `ui.hide/show/enable/disable` write `<id>:hidden` / `<id>:disabled`; containers whose
 *   `<id>:children` holds components (hub.load_apps) show those instead of their own.
 */
export const STATE_PROPS: Partial<Record<ComponentType, string>> = {
  ...TWO_WAY_PROPS,
  radio: 'checked',
  text: 'content',
  button: 'text',
  badge: 'text',
  progress: 'value',
  image: 'src',
  video: 'src',
  audio: 'src',
  iframe: 'src',
  modal: 'open',
  tabs: 'active',
  list: 'items',
  // Drawing commands an app writes with ui.set {key: "<canvas id>"}: the terminal and the browser both read them here.
  canvas: 'commands',
};

export const hiddenKey = (id: string) => `${id}:hidden`;
export const disabledKey = (id: string) => `${id}:disabled`;
export const childrenKey = (id: string) => `${id}:children`;
const CHILDREN_SUFFIX = ':children';

export interface IndexedComponent {
  component: Component;
  parent: string | null;
}

/** Every component of a Blueprint by id, with its parent. */
export function indexComponents(bp: Blueprint): Map<string, IndexedComponent> {
  const byId = new Map<string, IndexedComponent>();
  const walk = (list: readonly Component[], parent: string | null) => {
    for (const c of list) {
      byId.set(c.id, { component: c, parent });
      if (c.children) walk(c.children, c.id);
    }
  };
  walk(bp.ui.components, null);
  return byId;
}

/** The state key that drives (and, for inputs, is written by) a component. */
export function stateKeyOf(c: Component): string {
  return boundStateKey(c) ?? c.id;
}

/** Components added at run time (`<id>:children`), searched when an id is not in the Blueprint. */
export function dynamicComponent(state: Readonly<Record<string, unknown>>, id: string): IndexedComponent | undefined {
  for (const key in state) {
    if (!key.endsWith(CHILDREN_SUFFIX)) continue;
    const list = state[key];
    if (!Array.isArray(list)) continue;
    const found = findIn(list as Component[], id);
    if (found) return { component: found, parent: key.slice(0, -CHILDREN_SUFFIX.length) };
  }
  return undefined;
}

function findIn(list: readonly Component[], id: string): Component | undefined {
  for (const c of list) {
    if (c && typeof c === 'object' && c.id === id) return c;
    if (c?.children) {
      const f = findIn(c.children, id);
      if (f) return f;
    }
  }
  return undefined;
}

/** The children a view draws for a component: run-time ones when set, else its own. */
export function childrenOf(state: Readonly<Record<string, unknown>>, c: Component): readonly Component[] {
  const dyn = state[childrenKey(c.id)];
  return Array.isArray(dyn) ? (dyn as Component[]) : (c.children ?? []);
}

/** Props with bindings resolved and state applied: what a view draws. */
export function resolvedProps(state: Readonly<Record<string, unknown>>, c: Component): Record<string, unknown> {
  let props = resolveBindings(c.props, { state }) as Record<string, unknown>;
  const prop = STATE_PROPS[c.type];
  const key = stateKeyOf(c);
  const patch: Record<string, unknown> = {};
  if (prop && Object.hasOwn(state, key)) patch[prop] = state[key];
  if (c.type === 'radio' && typeof props.name === 'string' && Object.hasOwn(state, props.name)) patch.checked = state[props.name] === props.value;
  if (c.type === 'tabs' && !Object.hasOwn(patch, 'active')) patch.active = props.defaultTab ?? c.children?.[0]?.id;
  if (state[hiddenKey(c.id)] !== undefined) patch.hidden = state[hiddenKey(c.id)];
  if (state[disabledKey(c.id)] !== undefined) patch.disabled = state[disabledKey(c.id)];
  for (const _ in patch) {
    props = { ...props, ...patch };
    break;
  }
  return props;
}

/** State an app starts with: the value of each value-holding component that gives one. */
export function initialState(bp: Blueprint): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const { component: c } of indexComponents(bp).values()) {
    const prop = TWO_WAY_PROPS[c.type];
    if (!prop) continue;
    const v = c.props[prop];
    if (v === undefined || (typeof v === 'string' && v.includes('{{'))) continue;
    state[stateKeyOf(c)] = v;
  }
  return state;
}

/** The initial value of one component's state (for form.reset). */
export function initialValueOf(c: Component | undefined): unknown {
  if (!c) return undefined;
  const prop = TWO_WAY_PROPS[c.type];
  if (!prop) return undefined;
  const v = c.props[prop];
  if (v !== undefined && !(typeof v === 'string' && v.includes('{{'))) return v;
  return c.type === 'checkbox' ? false : c.type === 'slider' ? (c.props.min ?? 0) : '';
}

/** What a two-way event writes: checkboxes toggle without a value, sliders hold numbers. */
export function coerceInput(c: Component, value: unknown, current: unknown): unknown {
  switch (c.type) {
    case 'checkbox':
      return value === undefined ? !current : value === true || value === 'true' || value === 1 || value === 'on';
    case 'slider': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : current;
    }
    default:
      return value;
  }
}

/** A click's value: the button's value prop, else its text (the original's rule). */
export function eventValueOf(props: Record<string, unknown>): unknown {
  return props.value ?? props.text ?? props.label ?? props.content;
}
