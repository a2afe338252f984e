import { block, segments, withHit } from '../render/block.js';
import { graphemes, textWidth } from '../render/width.js';
import type { Renderer } from './types.js';
import { num, str } from './util.js';

/** Visual rows of a value wrapped at `width` cells: each row's grapheme range. */
export function textRows(chars: string[], width: number): { start: number; end: number }[] {
  const rows: { start: number; end: number }[] = [];
  let start = 0;
  let w = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\n') {
      rows.push({ start, end: i });
      start = i + 1;
      w = 0;
      continue;
    }
    const cw = textWidth(ch);
    if (w + cw > width) {
      rows.push({ start, end: i });
      start = i;
      w = 0;
    }
    w += cw;
  }
  rows.push({ start, end: chars.length });
  return rows;
}

/** The row and column of a cursor in wrapped rows. */
export function cursorRowCol(rows: { start: number; end: number }[], cursor: number): { row: number; col: number } {
  for (let r = 0; r < rows.length; r++) {
    const { start, end } = rows[r]!;
    const next = rows[r + 1];
    if (cursor >= start && (cursor < end || (cursor === end && (!next || next.start > end)))) return { row: r, col: cursor - start };
  }
  const last = rows.length - 1;
  return { row: last, col: cursor - rows[last]!.start };
}

/** A multi-line field of `rows` lines, scrolled to keep the cursor in view. */
export const textarea: Renderer = {
  focusable: true,
  render({ c, props, ctx, focused, disabled }) {
    const width = ctx.width;
    const height = Math.max(1, Math.min(num(props.rows, 3), Math.max(1, ctx.viewport - 1)));
    const chars = graphemes(str(props.value, true).replace(/\t/g, '  '));
    const inner = Math.max(1, width - 2);
    const rows = textRows(chars, inner);
    const base = disabled ? { ...ctx.theme.field, ...ctx.theme.disabled } : focused ? ctx.theme.fieldFocus : ctx.theme.field;
    const edge = props.error ? ctx.theme.error : focused ? ctx.theme.borderFocus : ctx.theme.border;
    const cursor = Math.min(ctx.view.cursor[c.id] ?? chars.length, chars.length);
    const at = cursorRowCol(rows, cursor);
    // Scrolled just enough that the cursor's row shows.
    const start = focused ? Math.max(0, at.row - height + 1) : 0;
    const lines: string[] = [];
    for (let y = 0; y < height; y++) {
      const r = rows[start + y];
      if (!chars.length && y === 0 && !focused) {
        const hint = str(props.placeholder);
        lines.push(segments([['▏', edge], [hint + ' '.repeat(Math.max(0, inner - textWidth(hint))), { ...base, ...ctx.theme.muted }], ['▕', edge]], width));
        continue;
      }
      if (!r) {
        lines.push(segments([['▏', edge], [' '.repeat(inner), base], ['▕', edge]], width));
        continue;
      }
      const rowChars = chars.slice(r.start, r.end);
      if (focused && !disabled && start + y === at.row) {
        const before = rowChars.slice(0, at.col).join('');
        const under = rowChars[at.col] ?? ' ';
        const after = rowChars.slice(at.col + 1).join('');
        const pad = inner - textWidth(before) - textWidth(under) - textWidth(after);
        lines.push(segments([['▏', edge], [before, base], [under, { ...base, inverse: true }], [after + ' '.repeat(Math.max(0, pad)), base], ['▕', edge]], width));
      } else {
        const t = rowChars.join('');
        lines.push(segments([['▏', edge], [t + ' '.repeat(Math.max(0, inner - textWidth(t))), base], ['▕', edge]], width));
      }
    }
    const b = withHit(block(width, lines), { id: c.id });
    if (focused && !disabled) {
      const row = rows[at.row];
      const col = row ? textWidth(chars.slice(row.start, row.start + at.col).join('')) : 0;
      return { ...b, cursor: { x: 1 + col, y: at.row - start } };
    }
    return b;
  },
};
