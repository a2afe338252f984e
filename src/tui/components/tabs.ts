import { childrenOf } from '../../runtime/components.js';
import { block, vstack, type Hit } from '../render/block.js';
import { paint, type Style } from '../render/style.js';
import { textWidth } from '../render/width.js';
import type { Renderer } from './types.js';
import { str } from './util.js';

/** A tab's title: the child's `label` (the original's convention), else its title or id. */
export const tabLabel = (c: { id: string; props: Record<string, unknown> }) => str(c.props.label ?? c.props.title ?? c.id);

/** A row of tab titles (←/→ switch when focused, a click picks) over the active child. */
export const tabs: Renderer = {
  focusable: true,
  render({ c, props, ctx, focused, disabled }) {
    const kids = childrenOf(ctx.state, c);
    const active = kids.find((k) => k.id === props.active) ?? kids[0];
    const hits: Hit[] = [];
    let line = '';
    let x = 0;
    const pills = props.variant === 'pills';
    for (const k of kids) {
      const label = pills ? ` ${tabLabel(k)} ` : ` ${tabLabel(k)} `;
      const w = textWidth(label);
      if (x + w > ctx.width) break;
      const on = k.id === active?.id;
      let style: Style | undefined = on ? (pills ? ctx.theme.selection : { ...ctx.theme.accent, bold: true, underline: true }) : ctx.theme.muted;
      if (on && focused) style = { ...style, ...ctx.theme.focus };
      if (disabled) style = ctx.theme.disabled;
      line += paint(label, style);
      hits.push({ id: c.id, part: 'tab', value: k.id, x, y: 0, w, h: 1 });
      x += w;
      if (props.variant === 'bordered' && x < ctx.width) {
        line += paint('│', ctx.theme.border);
        x += 1;
      }
    }
    line += ' '.repeat(Math.max(0, ctx.width - x));
    const rule = paint('─'.repeat(ctx.width), ctx.theme.border);
    const header = { ...block(ctx.width, [line, rule]), hits: [{ id: c.id, x: 0, y: 0, w: ctx.width, h: 1 }, ...hits] };
    const body = active ? ctx.render(active, { ...ctx, disabled }) : block(ctx.width, []);
    return vstack([header, body], ctx.width);
  },
};
