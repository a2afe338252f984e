import type { Component, ComponentType } from '../../blueprint/types.js';
import { childrenOf, resolvedProps } from '../../runtime/components.js';
import { blank, block, segments, vstack, type Block } from '../render/block.js';
import type { Theme } from '../render/theme.js';
import { appShortcut } from './app-shortcut.js';
import { badge } from './badge.js';
import { button } from './button.js';
import { canvas } from './canvas.js';
import { card } from './card.js';
import { checkbox, radio } from './checkbox.js';
import { divider } from './divider.js';
import { image } from './image.js';
import { input } from './input.js';
import { container, grid } from './layout.js';
import { itemsOf, list } from './list.js';
import { audio, iframe, video } from './media.js';
import { modal } from './modal.js';
import { progress } from './progress.js';
import { select } from './select.js';
import { slider } from './slider.js';
import { tabs } from './tabs.js';
import { text } from './text.js';
import { textarea } from './textarea.js';
import { EMPTY_VIEW, type AssetSource, type RenderContext, type Renderer, type RendererTable, type ViewState } from './types.js';
import { bool, str } from './util.js';

/** One renderer per component type: the table is the truth (a missing type fails to compile). */
export const RENDERERS: RendererTable = {
  button,
  input,
  text,
  checkbox,
  radio,
  slider,
  container,
  grid,
  list,
  select,
  textarea,
  image,
  video,
  audio,
  canvas,
  badge,
  card,
  divider,
  modal,
  tabs,
  'app-shortcut': appShortcut,
  iframe,
  progress,
};

const unknownType: Renderer = {
  render: ({ c, ctx }) => block(ctx.width, [segments([[`[${str(c.type)}: not a component type]`, ctx.theme.error]], ctx.width)]),
};

export function rendererOf(type: string): Renderer {
  if (type === 'app_shortcut') return appShortcut;
  return (RENDERERS as Record<string, Renderer>)[type] ?? unknownType;
}

/** Draw one component (and its children) at ctx.width. */
export function renderComponent(c: Component, ctx: RenderContext): Block {
  const props = resolvedProps(ctx.state, c);
  if (bool(props.hidden)) return blank(ctx.width, 0);
  const disabled = ctx.disabled || bool(props.disabled);
  return rendererOf(c.type).render({ c, props, ctx, focused: ctx.view.focus === c.id, disabled });
}

/** A component's preferred width in a row, or -1 when it takes what it is given. */
export function naturalWidth(c: Component, ctx: RenderContext): number {
  const r = rendererOf(c.type);
  if (!r.natural) return -1;
  const props = resolvedProps(ctx.state, c);
  if (bool(props.hidden)) return 0;
  const style = (props.style ?? {}) as Record<string, unknown>;
  if (style.flex !== undefined && style.flex !== 0 && style.flex !== 'none') return -1;
  const n = r.natural({ c, props, ctx, focused: false, disabled: ctx.disabled });
  return n < 0 ? -1 : Math.min(n, ctx.width);
}

export interface RenderOptions {
  width: number;
  viewport: number;
  state: Readonly<Record<string, unknown>>;
  theme: Theme;
  view?: ViewState;
  assets?: AssetSource;
}

export function makeContext(o: RenderOptions): RenderContext {
  return {
    width: o.width,
    viewport: o.viewport,
    state: o.state,
    view: o.view ?? EMPTY_VIEW,
    theme: o.theme,
    disabled: false,
    stretch: false,
    assets: o.assets,
    render: renderComponent,
    natural: naturalWidth,
  };
}

/** An app's whole UI: its components in the Blueprint's layout, as one block. */
export function renderApp(components: readonly Component[], layout: 'vertical' | 'horizontal', o: RenderOptions): Block {
  const ctx = makeContext(o);
  const root: Component = { type: 'container', id: '__root', props: { layout, gap: layout === 'horizontal' ? 1 : 0 }, children: [...components] };
  const b = renderComponent(root, ctx);
  return b.width === o.width ? b : vstack([b], o.width);
}

/** Whether Tab stops at this component (lists only when they hold items to pick). */
function isFocusable(c: Component, props: Record<string, unknown>): boolean {
  if (c.type === 'list') return itemsOf(props).length > 0;
  return !!rendererOf(c.type).focusable;
}

/**
 * Focusable components in reading order (the order of the Blueprint), skipping hidden and
 * disabled ones and inactive tabs; while a modal is open, only what is inside it.
 */
export function focusOrder(components: readonly Component[], state: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  let openModal: string[] | null = null;
  const walk = (list: readonly Component[], into: string[]) => {
    for (const c of list) {
      const props = resolvedProps(state, c);
      if (bool(props.hidden) || bool(props.disabled)) continue;
      if (c.type === 'modal') {
        if (bool(props.open)) {
          const inside: string[] = [];
          walk(childrenOf(state, c), inside);
          openModal = inside;
        }
        continue;
      }
      if (isFocusable(c, props)) into.push(c.id);
      if (c.type === 'tabs') {
        const kids = childrenOf(state, c);
        const active = kids.find((k) => k.id === props.active) ?? kids[0];
        if (active) walk([active], into);
        continue;
      }
      walk(childrenOf(state, c), into);
    }
  };
  walk(components, out);
  return openModal ?? out;
}

/** The open modal on top, if any (Escape closes it). */
export function openModalId(components: readonly Component[], state: Readonly<Record<string, unknown>>): string | null {
  let found: string | null = null;
  const walk = (list: readonly Component[]) => {
    for (const c of list) {
      if (c.type === 'modal' && bool(resolvedProps(state, c).open)) found = c.id;
      walk(childrenOf(state, c));
    }
  };
  walk(components);
  return found;
}

export { EMPTY_VIEW };
export type { AssetSource, RenderContext, ViewState };
