import type { Component } from '../../blueprint/types.js';
import { childrenOf } from '../../runtime/components.js';
import { alignTo, blank, clipRows, hstack, pad, vstack, type Block, type Hit } from '../render/block.js';
import { paint } from '../render/style.js';
import type { RenderArgs, RenderContext, Renderer } from './types.js';
import { num, rowsOf, spacingCells } from './util.js';

const isRow = (props: Record<string, unknown>) => props.layout === 'horizontal' || props.layout === 'row' || props.direction === 'row';

/** Whether a component or one of its descendants has this id. */
export function containsId(c: Component, id: string | null, state: Readonly<Record<string, unknown>>): boolean {
  if (!id) return false;
  if (c.id === id) return true;
  for (const k of childrenOf(state, c)) if (containsId(k, id, state)) return true;
  return false;
}

/**
 * Widths of the children of a row: each its preferred width; those that grow (fields,
 * nested layouts, `style.flex`) share what is left; when nothing fits, all shrink.
 */
export function rowWidths(kids: readonly Component[], ctx: RenderContext, gap: number): number[] {
  const total = ctx.width - gap * Math.max(0, kids.length - 1);
  const nat = kids.map((k) => ctx.natural(k, ctx));
  const growers = nat.filter((n) => n < 0).length;
  const fixed = nat.reduce((s, n) => s + Math.max(0, n), 0);
  if (growers) {
    const left = Math.max(growers, total - fixed);
    let handed = 0;
    let seen = 0;
    const out = nat.map((n) => {
      if (n >= 0) return n;
      seen++;
      const share = seen === growers ? left - handed : Math.floor(left / growers);
      handed += share;
      return share;
    });
    return fixed + left > total ? shrink(out, total) : out;
  }
  return fixed > total ? shrink(nat, total) : nat;
}

function shrink(ws: number[], total: number): number[] {
  const sum = ws.reduce((a, b) => a + b, 0) || 1;
  const out = ws.map((w) => Math.max(1, Math.floor((w * total) / sum)));
  return out;
}

function justifyRow(blocks: Block[], width: number, gap: number, justify: unknown): Block {
  const used = blocks.reduce((s, b) => s + b.width, 0) + gap * Math.max(0, blocks.length - 1);
  const room = width - used;
  if (room <= 0 || blocks.length === 0) return alignTo(hstack(blocks, gap), width);
  if (justify === 'between' && blocks.length > 1) {
    const extra = Math.floor(room / (blocks.length - 1));
    const spread = blocks.map((b, i) => (i < blocks.length - 1 ? pad(b, 0, extra + (i === 0 ? room - extra * (blocks.length - 1) : 0), 0, 0) : b));
    return alignTo(hstack(spread, gap), width);
  }
  if (justify === 'around') {
    const each = Math.floor(room / (blocks.length * 2));
    return alignTo(hstack(blocks.map((b) => pad(b, 0, each, 0, each)), gap), width, 'center');
  }
  const align = justify === 'center' ? 'center' : justify === 'end' ? 'right' : 'left';
  return alignTo(hstack(blocks, gap), width, align);
}

/** A scrollbar column for a viewport of `rows` over `total` rows starting at `top`. */
function scrollbar(rows: number, total: number, top: number, style: RenderContext['theme']['muted']): string[] {
  const thumb = Math.max(1, Math.round((rows * rows) / Math.max(rows, total)));
  const at = total > rows ? Math.round((top / (total - rows)) * (rows - thumb)) : 0;
  return Array.from({ length: rows }, (_, i) => paint(i >= at && i < at + thumb ? '┃' : '│', style));
}

/** Clip a tall block to `rows`, scrolled to keep the focused control visible, with a scrollbar. */
export function scrolled(id: string, content: Block, rows: number, ctx: RenderContext): Block {
  const total = content.lines.length;
  if (total <= rows) return content;
  let top = Math.min(ctx.view.scroll[id] ?? 0, total - rows);
  const f = ctx.view.focus && content.hits.find((h) => h.id === ctx.view.focus && !h.part);
  if (f) {
    if (f.y < top) top = f.y;
    else if (f.y + Math.min(f.h, rows) > top + rows) top = f.y + Math.min(f.h, rows) - rows;
  }
  top = Math.max(0, top);
  const clip = clipRows(content, top, rows);
  const bar = scrollbar(rows, total, top, ctx.theme.muted);
  const out: Block = { ...clip, width: clip.width + 1, lines: clip.lines.map((l, i) => l + bar[i]), overlays: content.overlays };
  return { ...out, hits: [...out.hits, { id, x: 0, y: 0, w: out.width, h: rows, part: 'scroll', value: { top, total, rows } }] };
}

function stack(a: RenderArgs, kids: readonly Component[]): Block {
  const { props, ctx } = a;
  const padX = spacingCells(props.padding, 0, 'x');
  const padY = spacingCells(props.padding, 0, 'y');
  const maxRows = rowsOf(props.maxHeight ?? props.height);
  const inner = Math.max(1, ctx.width - 2 * padX - (maxRows ? 1 : 0));
  const child: RenderContext = { ...ctx, width: inner, disabled: a.disabled, stretch: false };
  let content: Block;
  if (isRow(props)) {
    const gap = spacingCells(props.gap ?? props.spacing, 1, 'x');
    const widths = rowWidths(kids, child, gap);
    content = justifyRow(kids.map((k, i) => ctx.render(k, { ...child, width: widths[i]! })), inner, gap, props.justify);
  } else {
    const gap = spacingCells(props.gap ?? props.spacing, 0, 'y');
    const align = props.align === 'center' ? 'center' : props.align === 'end' ? 'right' : 'left';
    content = vstack(kids.map((k) => ctx.render(k, child)), inner, gap, align);
  }
  if (maxRows) content = alignTo(scrolled(a.c.id, content, maxRows, ctx), inner + 1);
  return pad(content, padY, padX, padY, padX);
}

function stackNatural(a: RenderArgs): number {
  const kids = childrenOf(a.ctx.state, a.c);
  const nat = kids.map((k) => a.ctx.natural(k, a.ctx));
  if (nat.some((n) => n < 0) || !kids.length) return -1;
  const padX = 2 * spacingCells(a.props.padding, 0, 'x');
  if (isRow(a.props)) return nat.reduce((s, n) => s + n, 0) + spacingCells(a.props.gap ?? a.props.spacing, 1, 'x') * (kids.length - 1) + padX;
  return Math.max(...nat) + padX;
}

/** Children in a column (default) or a row (layout: horizontal), with padding, gap, justify, align. */
export const container: Renderer = {
  natural: stackNatural,
  render: (a) => stack(a, childrenOf(a.ctx.state, a.c)),
};

/** Children in `columns` equal cells (fewer when narrow), rows as tall as their tallest cell. */
export const grid: Renderer = {
  render(a) {
    const { props, ctx } = a;
    const kids = childrenOf(ctx.state, a.c);
    const gap = spacingCells(props.gap ?? props.spacing, 1, 'x');
    const gapY = spacingCells(props.gap ?? props.spacing, 0, 'y');
    const maxRows = rowsOf(props.maxHeight);
    const avail = maxRows ? ctx.width - 1 : ctx.width;
    let cols = Math.min(6, Math.max(1, Math.round(num(props.columns, 2))));
    while (cols > 1 && (avail - gap * (cols - 1)) / cols < 5) cols--;
    const cell = Math.max(1, Math.floor((avail - gap * (cols - 1)) / cols));
    const rows: Block[] = [];
    for (let i = 0; i < kids.length; i += cols) {
      const cells = kids.slice(i, i + cols).map((k) => alignTo(ctx.render(k, { ...ctx, width: cell, disabled: a.disabled, stretch: true }), cell));
      rows.push(hstack(cells, gap));
    }
    let content = vstack(rows, avail, gapY);
    if (maxRows) content = alignTo(scrolled(a.c.id, content, maxRows, ctx), ctx.width);
    return content.lines.length ? content : blank(ctx.width, 0);
  },
};

export type { Hit };
