import { block, frame, segments, type Block } from '../render/block.js';
import { paint, type Color } from '../render/style.js';
import type { DecodedImage, Renderer } from './types.js';
import { num, str } from './util.js';

const cache = new Map<string, string[]>();

/**
 * An image in half-block cells: each cell shows two pixels, the upper as the foreground of
 * `▀` and the lower as its background. Scaled to fit the width (and the window's height),
 * keeping the aspect ratio; transparent pixels show the terminal's background.
 */
export function halfBlocks(img: DecodedImage, cols: number, maxRows: number): string[] {
  let w = Math.max(1, Math.min(cols, img.width));
  let rows = Math.max(1, Math.round((w * img.height) / img.width / 2));
  if (rows > maxRows) {
    rows = Math.max(1, maxRows);
    w = Math.max(1, Math.min(cols, Math.round((rows * 2 * img.width) / img.height)));
  }
  const px = (x: number, y: number): Color | undefined => {
    const sx = Math.min(img.width - 1, Math.floor(((x + 0.5) * img.width) / w));
    const sy = Math.min(img.height - 1, Math.floor(((y + 0.5) * img.height) / (rows * 2)));
    const i = (sy * img.width + sx) * 4;
    if (img.data[i + 3]! < 128) return undefined;
    return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!] as const;
  };
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let x = 0; x < w; x++) {
      const top = px(x, r * 2);
      const bottom = px(x, r * 2 + 1);
      if (!top && !bottom) line += ' ';
      else if (!top) line += paint('▄', { fg: bottom });
      else line += paint('▀', bottom ? { fg: top, bg: bottom } : { fg: top });
    }
    lines.push(line + ' '.repeat(cols - w));
  }
  return lines;
}

function placeholder(label: string, detail: string, width: number): Block {
  const inner = Math.max(1, width - 2);
  return frame(block(inner, [segments([[`▨ ${label}`, { bold: true }]], inner), segments([[detail, { dim: true }]], inner)]), { kind: 'dashed' });
}

/** An image from a local file or data URI in half-block cells, else a labelled placeholder. */
export const image: Renderer = {
  natural: ({ props }) => (props.width ? Math.max(4, Math.round(num(props.width, 0) / 8)) : -1),
  render({ props, ctx }) {
    const src = str(props.src);
    const alt = str(props.alt) || 'image';
    const cols = Math.max(1, Math.min(ctx.width, props.width ? Math.round(num(props.width, 0) / 8) || ctx.width : ctx.width));
    const asset = src && ctx.assets ? ctx.assets.image(src) : undefined;
    if (asset === undefined) return placeholder(alt, src || '(no source)', ctx.width);
    if (asset === 'loading') return placeholder(alt, `loading ${src}`, ctx.width);
    if ('error' in asset) return placeholder(alt, asset.error, ctx.width);
    const maxRows = Math.max(2, Math.min(ctx.viewport, props.height ? Math.round(num(props.height, 0) / 16) || ctx.viewport : ctx.viewport));
    const key = `${src.length > 200 ? src.slice(0, 100) + src.length + src.slice(-100) : src}|${cols}|${maxRows}|${asset.width}x${asset.height}`;
    let lines = cache.get(key);
    if (!lines) {
      lines = halfBlocks(asset, cols, maxRows);
      if (cache.size > 64) cache.delete(cache.keys().next().value!);
      cache.set(key, lines);
    }
    return block(ctx.width, lines.map((l) => l + ' '.repeat(ctx.width - cols)));
  },
};
