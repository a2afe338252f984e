import { childrenOf } from '../../runtime/components.js';
import { blank, frame, pad, vstack } from '../render/block.js';
import type { Renderer } from './types.js';
import { bool, str } from './util.js';

const SIZES = { small: 40, medium: 60, large: 90 } as const;

/**
 * Nothing in the flow; when open, a framed box drawn over the window (the window centres
 * it). Escape or the ✕ closes it; Tab stays inside it while it is open.
 */
export const modal: Renderer = {
  render({ c, props, ctx, disabled }) {
    if (!bool(props.open)) return blank(ctx.width, 0);
    const width = Math.max(10, Math.min(ctx.width - 2, SIZES[props.size as keyof typeof SIZES] ?? SIZES.medium));
    const inner = width - 4;
    const body = vstack(
      childrenOf(ctx.state, c).map((k) => ctx.render(k, { ...ctx, width: inner, disabled, stretch: false })),
      inner,
    );
    const boxed = frame(pad(body.lines.length ? body : blank(inner, 1), 0, 1, 0, 1), {
      title: str(props.title) || undefined,
      footer: 'Esc closes',
      style: ctx.theme.borderFocus,
      titleStyle: { bold: true },
      kind: 'double',
    });
    // The close box in the top-right corner answers clicks.
    const withClose = { ...boxed, hits: [...boxed.hits, { id: c.id, part: 'close', x: boxed.width - 4, y: 0, w: 3, h: 1 }] };
    return { ...blank(ctx.width, 0), overlays: [{ x: 0, y: 0, block: withClose, center: true }] };
  },
};
