import { block, textLine } from '../render/block.js';
import type { Style } from '../render/style.js';
import { textWidth, wrap } from '../render/width.js';
import type { Renderer } from './types.js';
import { roleStyle, str } from './util.js';

const VARIANTS: Record<string, Style> = {
  h1: { bold: true, underline: true },
  h2: { bold: true },
  h3: { bold: true, italic: true },
  body: {},
  caption: { dim: true, italic: true },
  label: { bold: true, dim: false },
};

const contentOf = (props: Record<string, unknown>) => str(props.content ?? props.text ?? props.value ?? '', true);

/** Wrapped text; headings bold (h1 upper-cased), captions dim; color and align from props. */
export const text: Renderer = {
  natural: ({ props }) => Math.max(...contentOf(props).split('\n').map(textWidth), 0),
  render({ props, ctx, disabled }) {
    let content = contentOf(props);
    if (props.variant === 'h1') content = content.toUpperCase();
    const weight = props.weight === 'bold' || props.weight === 'semibold' || Number(props.weight) >= 600;
    const style: Style = {
      ...VARIANTS[String(props.variant ?? 'body')],
      ...roleStyle(ctx.theme, props.color),
      ...(weight ? { bold: true } : {}),
      ...(disabled ? ctx.theme.disabled : {}),
    };
    const align = props.align === 'center' || props.align === 'right' ? props.align : 'left';
    const lines = content === '' ? [''] : wrap(content, ctx.width);
    return block(
      ctx.width,
      lines.map((l) => textLine(l, ctx.width, style, align)),
    );
  },
};
