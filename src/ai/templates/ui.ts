import type { Component, ComponentType, EventBindings, ToolBinding } from '../../blueprint/types.js';

/**
 * Small constructors for the canonical component form, so the kind table reads like the
 * app it builds: `row('ops', [button('add', '+', tool.append('display', '+'))])`.
 */
type Props = Record<string, unknown>;
type On = ToolBinding | ToolBinding[] | EventBindings;

function events(on: On | undefined, dflt: string): EventBindings | undefined {
  if (!on) return undefined;
  if (Array.isArray(on)) return { [dflt]: on };
  if ('tool' in on && typeof on.tool === 'string') return { [dflt]: [on as ToolBinding] };
  return on as EventBindings;
}

export function component(type: ComponentType, id: string, props: Props = {}, on?: On, children?: Component[], dfltEvent = 'click'): Component {
  const c: Component = { type, id, props };
  const ev = events(on, dfltEvent);
  if (ev) c.on_event = ev;
  if (children) c.children = children;
  return c;
}

export const heading = (id: string, content: string, variant: 'h1' | 'h2' | 'h3' = 'h2') => component('text', id, { content, variant });
export const text = (id: string, content: string, props: Props = {}) => component('text', id, { content, variant: 'body', ...props });
export const caption = (id: string, content: string) => component('text', id, { content, variant: 'caption', color: 'muted' });
export const button = (id: string, label: string, on: On, props: Props = {}) => component('button', id, { text: label, ...props }, on);
export const input = (id: string, props: Props = {}, on?: On) => component('input', id, { type: 'text', value: '', ...props }, on, undefined, 'change');
export const numberInput = (id: string, placeholder: string, value: number | string = '', props: Props = {}) => input(id, { type: 'number', placeholder, value: String(value), ...props });
export const textarea = (id: string, props: Props = {}, on?: On) => component('textarea', id, { value: '', rows: 8, ...props }, on, undefined, 'change');
export const select = (id: string, options: (string | { label: string; value: string })[], value?: string, on?: On) =>
  component('select', id, { options, value: value ?? (typeof options[0] === 'string' ? options[0] : options[0]?.value) ?? '' }, on, undefined, 'change');
export const slider = (id: string, min: number, max: number, value: number, on?: On, step = 1) => component('slider', id, { min, max, step, value }, on, undefined, 'change');
export const checkbox = (id: string, label: string, on?: On, checked = false) => component('checkbox', id, { label, checked }, on, undefined, 'change');
/** A list; `on` runs when an item is chosen (event `select`, value: the item's index). */
export const list = (id: string, props: Props = {}, on?: On) => component('list', id, { variant: 'bordered', ...props }, on, undefined, 'select');
export const progress = (id: string, value: number, max: number) => component('progress', id, { value, max });
export const badge = (id: string, label: string, variant = 'default') => component('badge', id, { text: label, variant });
export const divider = (id: string) => component('divider', id, {});

export const row = (id: string, children: Component[], props: Props = {}) => component('container', id, { layout: 'horizontal', gap: 1, ...props }, undefined, children);
export const col = (id: string, children: Component[], props: Props = {}) => component('container', id, { layout: 'vertical', gap: 1, ...props }, undefined, children);
export const grid = (id: string, columns: number, children: Component[], props: Props = {}) => component('grid', id, { columns, gap: 1, ...props }, undefined, children);
export const card = (id: string, title: string, children: Component[], props: Props = {}) => component('card', id, { title, ...props }, undefined, children);
export const tabs = (id: string, panes: { id: string; label: string; children: Component[] }[]) =>
  component('tabs', id, { defaultTab: panes[0]?.id ?? '' }, undefined, panes.map((p) => col(p.id, p.children, { label: p.label })));

/** A label above a control, the way forms read in a terminal. */
export const field = (id: string, label: string, control: Component) => col(`${id}-field`, [component('text', `${id}-label`, { content: label, variant: 'label' }), control], { gap: 0 });
