import { block, frame, segments, withHit } from '../render/block.js';
import { textWidth } from '../render/width.js';
import type { Renderer } from './types.js';
import { stateStyle, str } from './util.js';

const nameOf = (props: Record<string, unknown>) => str(props.name ?? props.app_id ?? props.appId ?? 'App');
const iconOf = (props: Record<string, unknown>) => str(props.icon ?? '▣');

/** An app to launch: icon and name (variant icon), a line with its description (list), or a card. */
export const appShortcut: Renderer = {
  focusable: true,
  natural: ({ props }) => (props.variant === 'list' ? -1 : Math.max(textWidth(nameOf(props)), 4) + 2 + (props.variant === 'card' ? 2 : 0)),
  render({ c, props, ctx, focused, disabled }) {
    const name = nameOf(props);
    const icon = iconOf(props);
    const desc = str(props.description);
    const style = stateStyle(ctx.theme, undefined, focused, disabled);
    const w = ctx.width;
    if (props.variant === 'list') {
      return withHit(block(w, [segments([[`${icon} `, style], [name, { ...style, bold: true }], [desc ? ` — ${desc}` : '', { ...style, ...(focused ? {} : ctx.theme.muted) }]], w)]), { id: c.id });
    }
    if (props.variant === 'card') {
      const inner = Math.max(1, w - 2);
      const body = block(inner, [segments([[`${icon} `, style], [name, { ...style, bold: true }]], inner), segments([[desc, ctx.theme.muted]], inner)]);
      return withHit(frame(body, { style: focused ? ctx.theme.borderFocus : ctx.theme.border }), { id: c.id });
    }
    const center = (t: string) => {
      const room = Math.max(0, w - textWidth(t));
      return ' '.repeat(room >> 1) + t;
    };
    return withHit(block(w, [segments([[center(icon), style]], w), segments([[center(name), style]], w)]), { id: c.id });
  },
};
