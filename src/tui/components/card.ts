import { childrenOf } from '../../runtime/components.js';
import { frame, pad, vstack } from '../render/block.js';
import { containsId } from './layout.js';
import type { Renderer } from './types.js';
import { str } from './util.js';

/** A framed box: title in the top edge, footer in the bottom, children inside. */
export const card: Renderer = {
  render({ c, props, ctx, disabled }) {
    const inner = Math.max(1, ctx.width - 4);
    const kids = childrenOf(ctx.state, c);
    const body = vstack(
      kids.map((k) => ctx.render(k, { ...ctx, width: inner, disabled, stretch: false })),
      inner,
    );
    const content = body.lines.length ? body : vstack([], inner);
    const focusedInside = containsId(c, ctx.view.focus, ctx.state) && ctx.view.focus !== c.id;
    return frame(pad(content.lines.length ? content : { ...content, lines: [' '.repeat(inner)] }, 0, 1, 0, 1), {
      title: str(props.title) || undefined,
      footer: str(props.footer) || undefined,
      style: focusedInside ? ctx.theme.borderFocus : ctx.theme.border,
      titleStyle: { ...ctx.theme.text, bold: true },
    });
  },
};
