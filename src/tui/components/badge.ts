import { block, textLine } from '../render/block.js';
import type { Style } from '../render/style.js';
import type { Theme } from '../render/theme.js';
import { textWidth } from '../render/width.js';
import type { Renderer } from './types.js';
import { str } from './util.js';

function badgeStyle(theme: Theme, variant: unknown): Style {
  if (theme.name === 'mono') return { inverse: true };
  const bg = { primary: 'blue', secondary: 'gray', success: 'green', error: 'red', warning: 'yellow' }[String(variant)] ?? 240;
  return { fg: variant === 'warning' ? 'black' : 'brightWhite', bg, bold: true };
}

const labelOf = (props: Record<string, unknown>) => str(props.text ?? props.label ?? props.content ?? '');

/** A short label on a colored background. */
export const badge: Renderer = {
  natural: ({ props }) => textWidth(labelOf(props)) + 2,
  render({ props, ctx, disabled }) {
    const label = ` ${labelOf(props)} `;
    const width = Math.min(ctx.width, textWidth(label));
    const style = disabled ? { ...badgeStyle(ctx.theme, props.variant), ...ctx.theme.disabled } : badgeStyle(ctx.theme, props.variant);
    return block(width, [textLine(label, width, style)]);
  },
};
