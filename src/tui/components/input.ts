import { block, segments, withHit } from '../render/block.js';
import { graphemes, textWidth } from '../render/width.js';
import type { Renderer } from './types.js';
import { bool, str } from './util.js';

/**
 * The visible part of a one-line value, scrolled so the cursor stays in view: the text
 * before the cursor, the character under it (a space at the end) and the text after.
 */
export function fieldView(chars: string[], cursor: number, width: number): { before: string; at: string; after: string } {
  const c = Math.max(0, Math.min(cursor, chars.length));
  const atChar = chars[c] ?? ' ';
  let start = c;
  let used = textWidth(atChar);
  while (start > 0 && used + textWidth(chars[start - 1]!) <= width) used += textWidth(chars[--start]!);
  let end = c + 1;
  while (end < chars.length && used + textWidth(chars[end]!) <= width) used += textWidth(chars[end++]!);
  return { before: chars.slice(start, c).join(''), at: atChar, after: chars.slice(c + 1, end).join('') };
}

export const displayValue = (props: Record<string, unknown>): string => {
  const v = str(props.value);
  return props.type === 'password' ? '•'.repeat(graphemes(v).length) : v;
};

/** A one-line field: placeholder when empty, `•••` for passwords, the cursor where typing goes. */
export const input: Renderer = {
  focusable: true,
  natural: ({ props }) => Math.max(12, Math.min(30, Math.max(textWidth(displayValue(props)), textWidth(str(props.placeholder))) + 3)),
  render({ c, props, ctx, focused, disabled }) {
    const width = ctx.width;
    const value = displayValue(props);
    const chars = graphemes(value);
    const error = typeof props.error === 'string' && props.error ? props.error : bool(props.error) ? 'invalid' : '';
    const base = disabled ? { ...ctx.theme.field, ...ctx.theme.disabled } : focused ? ctx.theme.fieldFocus : ctx.theme.field;
    const edge = error ? ctx.theme.error : focused ? ctx.theme.borderFocus : ctx.theme.border;
    const inner = Math.max(1, width - 2);
    let line: string;
    let cursor: { x: number; y: number } | undefined;
    if (focused && !disabled) {
      const at = Math.min(ctx.view.cursor[c.id] ?? chars.length, chars.length);
      const v = fieldView(chars, at, inner);
      const rest = inner - textWidth(v.before) - textWidth(v.at) - textWidth(v.after);
      // The cursor is drawn as an inverse cell: Ink keeps the terminal's own cursor hidden.
      line = segments([['▏', edge], [v.before, base], [v.at, { ...base, inverse: true }], [v.after + ' '.repeat(Math.max(0, rest)), base], ['▕', edge]], width);
      cursor = { x: 1 + textWidth(v.before), y: 0 };
    } else if (!value) {
      line = segments([['▏', edge], [fitTo(str(props.placeholder), inner), { ...base, ...ctx.theme.muted }], ['▕', edge]], width);
    } else {
      const v = fieldView(chars, 0, inner);
      line = segments([['▏', edge], [fitTo(v.before + (v.at === ' ' && !chars.length ? '' : v.at) + v.after, inner), base], ['▕', edge]], width);
    }
    const lines = [line];
    if (typeof props.error === 'string' && props.error) lines.push(segments([[str(props.error), ctx.theme.error]], width));
    const b = withHit(block(width, lines), { id: c.id, h: 1 });
    return cursor ? { ...b, cursor } : b;
  },
};

function fitTo(s: string, w: number): string {
  const pad = w - textWidth(s);
  return pad > 0 ? s + ' '.repeat(pad) : s;
}
