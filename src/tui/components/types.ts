import type { Component, ComponentType } from '../../blueprint/types.js';
import type { Block } from '../render/block.js';
import type { Theme } from '../render/theme.js';

/**
 * What the view keeps per window that is not app state: which control has focus, text
 * cursors, scroll offsets, the open select. Losing it loses nothing the user made.
 */
export interface ViewState {
  focus: string | null;
  /** Text cursor (in graphemes) per input / textarea id. */
  cursor: Readonly<Record<string, number>>;
  /** First visible row (containers) or item (lists, selects) per component id. */
  scroll: Readonly<Record<string, number>>;
  /** The select whose options are open. */
  open: string | null;
  /** Highlighted option or item per select / list id. */
  highlight: Readonly<Record<string, number>>;
}

export const EMPTY_VIEW: ViewState = Object.freeze({ focus: null, cursor: {}, scroll: {}, open: null, highlight: {} });

/** Images and other things loaded in the background: renderers ask, and redraw when ready. */
export interface AssetSource {
  image(src: string): DecodedImage | 'loading' | { error: string };
}

export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, row-major. */
  data: Uint8Array;
}

export interface RenderContext {
  /** Columns available. */
  width: number;
  /** Rows a scrolling list or container may take at most (the window's inner height). */
  viewport: number;
  state: Readonly<Record<string, unknown>>;
  view: ViewState;
  theme: Theme;
  /** Inherited from a disabled parent. */
  disabled: boolean;
  /** Fill the width (grid cells, fullWidth buttons). */
  stretch: boolean;
  assets?: AssetSource;
  /** Draw a child (the dispatcher in index.ts). */
  render(c: Component, ctx: RenderContext): Block;
  /** A child's preferred width in a row. */
  natural(c: Component, ctx: RenderContext): number;
}

export interface RenderArgs {
  c: Component;
  /** Props with bindings and state applied (runtime/components.ts resolvedProps). */
  props: Record<string, unknown>;
  ctx: RenderContext;
  focused: boolean;
  disabled: boolean;
}

export interface Renderer {
  render(a: RenderArgs): Block;
  /** Preferred width in a row; absent: takes what it is given (grows). */
  natural?(a: RenderArgs): number;
  /** Tab stops here. */
  focusable?: boolean;
}

export type RendererTable = Record<ComponentType, Renderer>;
