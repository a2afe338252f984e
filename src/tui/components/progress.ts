import { block, segments } from '../render/block.js';
import type { Renderer } from './types.js';
import { num, roleStyle, str } from './util.js';

/** `████████░░░░ 66%`: the bar in the variant's color, the percentage after it. */
export const progress: Renderer = {
  render({ props, ctx, disabled }) {
    const max = num(props.max, 100) || 100;
    const value = Math.min(max, Math.max(0, num(props.value, 0)));
    const ratio = value / max;
    const label = props.label !== undefined ? ` ${str(props.label)}` : ` ${Math.round(ratio * 100)}%`;
    const barW = Math.max(1, ctx.width - label.length);
    const full = Math.floor(ratio * barW);
    // Eighth blocks give the bar sub-cell precision.
    const partial = Math.floor((ratio * barW - full) * 8);
    const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    const bar = '█'.repeat(full) + (full < barW ? eighths[partial] ?? '' : '');
    const style = disabled ? ctx.theme.disabled : (roleStyle(ctx.theme, props.variant) ?? ctx.theme.accent);
    return block(ctx.width, [
      segments(
        [
          [bar, style],
          ['░'.repeat(Math.max(0, barW - [...bar].length)), ctx.theme.muted],
          [label, undefined],
        ],
        ctx.width,
      ),
    ]);
  },
};
