import { block, segments, type Hit } from '../render/block.js';
import { textWidth } from '../render/width.js';
import type { Renderer } from './types.js';
import { optionOf, stateStyle, str } from './util.js';

export const optionsOf = (props: Record<string, unknown>) => (Array.isArray(props.options) ? props.options.map(optionOf) : []);

/** How many options an open select shows at once. */
export const SELECT_ROWS = 8;

/** A closed field `Choice ▾`; open (Enter or a click), its options below, arrows to move, Enter to pick. */
export const select: Renderer = {
  focusable: true,
  natural: ({ props }) => Math.max(12, ...optionsOf(props).map((o) => textWidth(o.label) + 4), textWidth(str(props.placeholder)) + 4),
  render({ c, props, ctx, focused, disabled }) {
    const width = ctx.width;
    const options = optionsOf(props);
    const current = options.findIndex((o) => o.value === props.value || String(o.value) === String(props.value ?? '\0'));
    const label = current >= 0 ? options[current]!.label : str(props.placeholder || 'Choose…');
    const base = disabled ? { ...ctx.theme.field, ...ctx.theme.disabled } : focused ? ctx.theme.fieldFocus : ctx.theme.field;
    const edge = props.error ? ctx.theme.error : focused ? ctx.theme.borderFocus : ctx.theme.border;
    const inner = Math.max(1, width - 4);
    const lines = [
      segments(
        [
          ['▏', edge],
          [label + ' '.repeat(Math.max(0, inner - textWidth(label))), current < 0 ? { ...base, ...ctx.theme.muted } : stateStyle(ctx.theme, base, false, disabled)],
          [' ▾', stateStyle(ctx.theme, base, focused, disabled)],
          ['▕', edge],
        ],
        width,
      ),
    ];
    const hits: Hit[] = [{ id: c.id, x: 0, y: 0, w: width, h: 1 }];
    if (ctx.view.open === c.id && !disabled) {
      const hi = ctx.view.highlight[c.id] ?? Math.max(0, current);
      const rows = Math.min(SELECT_ROWS, options.length);
      const top = Math.max(0, Math.min(hi - rows + 1, options.length - rows));
      const first = hi < top ? hi : top;
      for (let i = first; i < first + rows; i++) {
        const o = options[i]!;
        const mark = i === current ? '✓ ' : '  ';
        const style = i === hi ? ctx.theme.selection : undefined;
        lines.push(segments([['│', ctx.theme.border], [mark + o.label + ' '.repeat(width), style]], width - 1) + segments([['│', ctx.theme.border]], 1));
        hits.push({ id: c.id, part: 'option', value: i, x: 0, y: lines.length - 1, w: width, h: 1 });
      }
      if (!options.length) lines.push(segments([['│ (no options)', ctx.theme.muted]], width));
    }
    return { ...block(width, lines), hits };
  },
};
