import { block, textLine } from '../render/block.js';
import type { Renderer } from './types.js';

const CHARS = { solid: ['─', '│'], dashed: ['╌', '╎'], dotted: ['┈', '┊'] } as const;

/** A rule across the width; a vertical one fills the height of its row. */
export const divider: Renderer = {
  natural: ({ props }) => (props.orientation === 'vertical' ? 1 : 0),
  render({ props, ctx }) {
    const [h, v] = CHARS[props.variant as keyof typeof CHARS] ?? CHARS.solid;
    if (props.orientation === 'vertical') {
      const line = textLine(v, 1, ctx.theme.border);
      return { ...block(1, [line]), fill: line };
    }
    return block(ctx.width, [textLine(h.repeat(ctx.width), ctx.width, ctx.theme.border)]);
  },
};
