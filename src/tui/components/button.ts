import { textLine, withHit, block } from '../render/block.js';
import type { Style } from '../render/style.js';
import type { Theme } from '../render/theme.js';
import { textWidth } from '../render/width.js';
import type { Renderer } from './types.js';
import { bool, stateStyle, str } from './util.js';

const PAD = { small: 0, medium: 1, large: 2 } as const;

function variantStyle(theme: Theme, variant: unknown): { style?: Style; brackets: boolean } {
  switch (variant) {
    case 'primary':
      return { style: theme.primary, brackets: false };
    case 'secondary':
      return { style: theme.secondary, brackets: false };
    case 'danger':
      return { style: theme.name === 'mono' ? theme.error : { fg: 'brightWhite', bg: 'red', bold: true }, brackets: false };
    case 'ghost':
      return { style: theme.accent, brackets: false };
    case 'outline':
      return { style: theme.accent, brackets: true };
    default:
      return { brackets: true };
  }
}

const labelOf = (props: Record<string, unknown>) => str(props.text ?? props.label ?? props.content ?? 'Button');
const padOf = (props: Record<string, unknown>) => PAD[props.size as keyof typeof PAD] ?? 1;

/** `[ OK ]`, or a filled label for primary / secondary / danger; Enter, Space or a click presses it. */
export const button: Renderer = {
  focusable: true,
  natural: ({ props }) => textWidth(labelOf(props)) + 2 * padOf(props) + 2,
  render({ c, props, ctx, focused, disabled }) {
    const label = labelOf(props);
    const v = variantStyle(ctx.theme, props.variant);
    const pad = padOf(props);
    const natural = textWidth(label) + 2 * pad + 2;
    const width = bool(props.fullWidth) || ctx.stretch ? ctx.width : Math.min(ctx.width, natural);
    const inner = ' '.repeat(pad) + label + ' '.repeat(pad);
    const text = v.brackets ? `[${inner}]` : ` ${inner} `;
    const style = stateStyle(ctx.theme, { ...v.style, bold: props.size === 'large' || v.style?.bold }, focused, disabled);
    let line: string;
    if (v.brackets && width > natural) {
      // Stretched brackets hug the edges: [   OK   ]
      line = textLine(`[${fitCenter(inner, width - 2)}]`, width, style);
    } else line = textLine(text, width, style, 'center');
    return withHit(block(width, [line]), { id: c.id });
  },
};

function fitCenter(s: string, w: number): string {
  const room = w - textWidth(s);
  if (room <= 0) return s;
  return ' '.repeat(room >> 1) + s + ' '.repeat(room - (room >> 1));
}
