import { childrenOf } from '../../runtime/components.js';
import { block, frame, segments, vstack, type Block, type Hit } from '../render/block.js';
import { paint } from '../render/style.js';
import { containsId } from './layout.js';
import type { Renderer } from './types.js';
import { optionOf, rowsOf } from './util.js';

export const itemsOf = (props: Record<string, unknown>) => (Array.isArray(props.items) ? props.items : []);

/**
 * A list of `items` (strings or {label, ...}; arrows move, Enter picks) or of child
 * components. Either way only the rows in view are drawn, so thousands of items cost what
 * a screenful costs. Scrolls with the wheel, PageUp/PageDown and the highlight.
 */
export const list: Renderer = {
  focusable: true,
  render({ c, props, ctx, focused, disabled }) {
    const bordered = props.variant === 'bordered';
    const striped = props.variant === 'striped';
    const width = ctx.width - (bordered ? 2 : 0);
    const items = itemsOf(props);
    const kids = childrenOf(ctx.state, c);
    const count = items.length + kids.length;
    const rows = Math.max(1, Math.min(rowsOf(props.maxHeight) ?? ctx.viewport, ctx.viewport) - (bordered ? 2 : 0));
    const hi = Math.min(ctx.view.highlight[c.id] ?? -1, count - 1);
    let top = Math.max(0, Math.min(ctx.view.scroll[c.id] ?? 0, count - 1));
    if (focused && hi >= 0) top = hi < top ? hi : hi >= top + rows ? hi - rows + 1 : top;
    const focusKid = kids.findIndex((k) => containsId(k, ctx.view.focus, ctx.state));
    if (focusKid >= 0) {
      const i = items.length + focusKid;
      if (i < top) top = i;
      else if (i >= top + rows) top = i - rows + 1;
    }
    const inner = Math.max(1, width - (count > rows ? 1 : 0));
    const parts: Block[] = [];
    let used = 0;
    for (let i = top; i < count && used < rows; i++) {
      let b: Block;
      if (i < items.length) {
        const o = optionOf(items[i]);
        const style = i === hi && focused ? ctx.theme.selection : i === hi ? { ...ctx.theme.selection, dim: true } : striped && i % 2 ? { bg: 236 } : undefined;
        const line = segments([[`${i === hi ? '›' : ' '} ${o.label}`, disabled ? ctx.theme.disabled : style], [' '.repeat(inner), style]], inner);
        b = { ...block(inner, [line]), hits: [{ id: c.id, part: 'item', value: i, x: 0, y: 0, w: inner, h: 1 }] };
      } else {
        b = ctx.render(kids[i - items.length]!, { ...ctx, width: inner, disabled });
        if (b.lines.length > rows - used) b = { ...b, lines: b.lines.slice(0, rows - used), hits: b.hits.filter((h) => h.y < rows - used) };
      }
      parts.push(b);
      used += b.lines.length;
    }
    if (!count) parts.push(block(inner, [segments([['(empty)', ctx.theme.muted]], inner)]));
    let content = vstack(parts, inner);
    if (count > rows) {
      const thumb = Math.max(1, Math.round((rows * rows) / count));
      const at = Math.round((top / Math.max(1, count - rows)) * (rows - thumb));
      const bar = Array.from({ length: content.lines.length }, (_, y) => paint(y >= at && y < at + thumb ? '┃' : '│', ctx.theme.muted));
      content = { ...content, width: inner + 1, lines: content.lines.map((l, y) => l + bar[y]) };
    }
    const scrollHit: Hit = { id: c.id, part: 'scroll', x: 0, y: 0, w: content.width, h: content.lines.length, value: { top, total: count, rows, unit: 'item' } };
    content = { ...content, hits: [...content.hits, scrollHit] };
    if (bordered) content = frame(content, { style: focused ? ctx.theme.borderFocus : ctx.theme.border });
    return content;
  },
};
