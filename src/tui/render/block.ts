import { fit, textWidth } from './width.js';
import { paint, type Style } from './style.js';

/**
 * What every renderer returns: lines of styled text, each exactly `width` cells, plus the
 * places that answer the mouse (hits), where the text cursor is, and overlays drawn on top
 * (an open modal). Layouts combine blocks and move their hits along, so one click at a
 * cell finds the component under it without asking the layout engine again.
 */
export interface Hit {
  /** Component id. */
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Which part: `tab`, `option`, `track`, `item`, `scrollbar`... (absent: the whole component). */
  part?: string;
  value?: unknown;
}

export interface Overlay {
  x: number;
  y: number;
  block: Block;
  /** Centred in the window instead of placed at x, y (modals). */
  center?: boolean;
}

export interface Block {
  width: number;
  lines: string[];
  hits: Hit[];
  cursor?: { x: number; y: number };
  overlays?: Overlay[];
  /** A line to repeat when a row layout makes this block taller (vertical dividers). */
  fill?: string;
}

export const blank = (width: number, height = 0): Block => ({ width, lines: Array(height).fill(' '.repeat(Math.max(0, width))), hits: [] });

/** One line of plain text in a style, cut or padded to `width`. */
export function textLine(text: string, width: number, style?: Style, align: 'left' | 'center' | 'right' = 'left'): string {
  return paint(fit(text, width, align), style);
}

/** Styled segments joined into one line of exactly `width` cells (extra is cut, room padded). */
export function segments(parts: [text: string, style?: Style][], width: number): string {
  let out = '';
  let used = 0;
  for (const [t, s] of parts) {
    if (used >= width) break;
    const room = width - used;
    // Padding is cut silently; text that does not fit ends in an ellipsis.
    const piece = textWidth(t) <= room ? t : /^ *$/.test(t) ? t.slice(0, room) : fit(t, room);
    out += paint(piece, s);
    used += textWidth(piece);
  }
  return used < width ? out + ' '.repeat(width - used) : out;
}

export function block(width: number, lines: string[], hits: Hit[] = []): Block {
  return { width, lines, hits };
}

export function withHit(b: Block, hit: Omit<Hit, 'x' | 'y' | 'w' | 'h'> & Partial<Hit>): Block {
  return { ...b, hits: [...b.hits, { x: 0, y: 0, w: b.width, h: b.lines.length, ...hit }] };
}

const moveHits = (hits: Hit[], dx: number, dy: number) => (dx || dy ? hits.map((h) => ({ ...h, x: h.x + dx, y: h.y + dy })) : hits);

function moved(b: Block, dx: number, dy: number) {
  return {
    hits: moveHits(b.hits, dx, dy),
    cursor: b.cursor && { x: b.cursor.x + dx, y: b.cursor.y + dy },
    overlays: b.overlays?.map((o) => ({ ...o, x: o.x + dx, y: o.y + dy })),
  };
}

/** Widen to `width`, placing the block left, centre or right. */
export function alignTo(b: Block, width: number, align: 'left' | 'center' | 'right' | 'stretch' = 'left'): Block {
  if (b.width >= width) return b;
  const room = width - b.width;
  const left = align === 'center' ? room >> 1 : align === 'right' ? room : 0;
  const right = room - left;
  const L = ' '.repeat(left);
  const R = ' '.repeat(right);
  const m = moved(b, left, 0);
  return { ...b, width, lines: b.lines.map((l) => L + l + R), hits: m.hits, cursor: m.cursor, overlays: m.overlays, fill: b.fill && L + b.fill + R };
}

export function pad(b: Block, top: number, right: number, bottom: number, left: number): Block {
  if (!top && !right && !bottom && !left) return b;
  const width = b.width + left + right;
  const L = ' '.repeat(left);
  const R = ' '.repeat(right);
  const empty = ' '.repeat(width);
  const m = moved(b, left, top);
  return {
    ...b,
    width,
    lines: [...Array(top).fill(empty), ...b.lines.map((l) => L + l + R), ...Array(bottom).fill(empty)],
    hits: m.hits,
    cursor: m.cursor,
    overlays: m.overlays,
    fill: undefined,
  };
}

/** Blocks one under another, each widened to `width`. */
export function vstack(blocks: Block[], width: number, gap = 0, align: 'left' | 'center' | 'right' | 'stretch' = 'left'): Block {
  const lines: string[] = [];
  const hits: Hit[] = [];
  const overlays: Overlay[] = [];
  let cursor: Block['cursor'];
  const gapLine = ' '.repeat(width);
  blocks.forEach((raw, i) => {
    if (i > 0) for (let g = 0; g < gap; g++) lines.push(gapLine);
    const b = alignTo(raw, width, align);
    const m = moved(b, 0, lines.length);
    hits.push(...m.hits);
    if (m.overlays) overlays.push(...m.overlays);
    if (m.cursor) cursor = m.cursor;
    for (const l of b.lines) lines.push(l);
  });
  return { width, lines, hits, cursor, overlays: overlays.length ? overlays : undefined };
}

/** Taller, by repeating the fill line or adding blank lines. */
export function growTo(b: Block, height: number): Block {
  if (b.lines.length >= height) return b;
  const filler = b.fill ?? ' '.repeat(b.width);
  return { ...b, lines: [...b.lines, ...Array(height - b.lines.length).fill(filler)] };
}

/** Blocks side by side, top-aligned, with `gap` cells between. */
export function hstack(blocks: Block[], gap = 0): Block {
  const height = Math.max(0, ...blocks.map((b) => b.lines.length));
  const grown = blocks.map((b) => growTo(b, height));
  const lines: string[] = Array(height).fill('');
  const hits: Hit[] = [];
  const overlays: Overlay[] = [];
  let cursor: Block['cursor'];
  let x = 0;
  const sep = ' '.repeat(gap);
  grown.forEach((b, i) => {
    if (i > 0) x += gap;
    for (let y = 0; y < height; y++) lines[y] += (i > 0 ? sep : '') + b.lines[y];
    const m = moved(b, x, 0);
    hits.push(...m.hits);
    if (m.overlays) overlays.push(...m.overlays);
    if (m.cursor) cursor = m.cursor;
    x += b.width;
  });
  return { width: x, lines, hits, cursor, overlays: overlays.length ? overlays : undefined };
}

/** Rows [top, top+height) of a block: what a scrolled viewport shows. */
export function clipRows(b: Block, top: number, height: number): Block {
  if (top === 0 && b.lines.length <= height) return b;
  const lines = b.lines.slice(top, top + height);
  const hits = b.hits
    .filter((h) => h.y + h.h > top && h.y < top + height)
    .map((h) => {
      const y = Math.max(h.y, top);
      return { ...h, y: y - top, h: Math.min(h.y + h.h, top + height) - y };
    });
  const cursor = b.cursor && b.cursor.y >= top && b.cursor.y < top + height ? { x: b.cursor.x, y: b.cursor.y - top } : undefined;
  return { ...b, lines, hits, cursor, overlays: b.overlays?.map((o) => ({ ...o, y: o.y - top })) };
}

export type BorderKind = 'single' | 'round' | 'double' | 'heavy' | 'dashed';
const BORDERS: Record<BorderKind, string> = {
  single: '┌┐└┘─│',
  round: '╭╮╰╯─│',
  double: '╔╗╚╝═║',
  heavy: '┏┓┗┛━┃',
  dashed: '┌┐└┘╌╎',
};

/** A frame around a block, with an optional title in the top edge and footer in the bottom. */
export function frame(b: Block, opts: { title?: string; footer?: string; style?: Style; titleStyle?: Style; kind?: BorderKind } = {}): Block {
  const [tl, tr, bl, br, h, v] = [...BORDERS[opts.kind ?? 'round']] as [string, string, string, string, string, string];
  const inner = b.width;
  const edge = (left: string, right: string, label?: string) => {
    if (!label || inner < 4) return paint(left + h.repeat(inner) + right, opts.style);
    const t = fit(` ${label} `, Math.min(inner - 1, textWidth(label) + 2));
    const rest = inner - 1 - textWidth(t);
    return paint(left + h, opts.style) + paint(t, opts.titleStyle ?? opts.style) + paint(h.repeat(Math.max(0, rest)) + right, opts.style);
  };
  const side = paint(v, opts.style);
  const m = moved(b, 1, 1);
  return {
    width: inner + 2,
    lines: [edge(tl, tr, opts.title), ...b.lines.map((l) => side + l + side), edge(bl, br, opts.footer)],
    hits: m.hits,
    cursor: m.cursor,
    overlays: m.overlays,
  };
}

/** The plain text of a block (for tests and for measuring). */
// eslint-disable-next-line no-control-regex
export const plainLines = (b: Block) => b.lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
