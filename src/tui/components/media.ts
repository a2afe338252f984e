import { block, frame, segments, withHit, type Block } from '../render/block.js';
import type { Renderer } from './types.js';
import { str } from './util.js';

/** Where to open what a terminal cannot play or show. */
export const WEB_HINT = 'open the web view (agentos shell --web) to play it';

function placeholder(kind: string, icon: string, hint: string): Renderer {
  return {
    focusable: true,
    render({ c, props, ctx, focused }): Block {
      const inner = Math.max(1, ctx.width - 2);
      const src = str(props.src) || '(no source)';
      const title = str(props.title ?? props.alt ?? '');
      const lines = [
        segments([[`${icon} ${kind}`, { bold: true }], [title ? `: ${title}` : '', undefined]], inner),
        segments([[src, ctx.theme.accent]], inner),
        segments([[focused ? `Enter: ${hint}` : hint, ctx.theme.muted]], inner),
      ];
      const boxed = frame(block(inner, lines), { style: focused ? ctx.theme.borderFocus : ctx.theme.border, kind: 'dashed' });
      return withHit(boxed, { id: c.id, part: 'open-web', value: src });
    },
  };
}

/** video, audio and iframe: a labelled box with the source and how to see it in the browser. */
export const video = placeholder('Video', '▶', WEB_HINT);
export const audio = placeholder('Audio', '♪', WEB_HINT);
export const iframe = placeholder('Web page', '◫', 'open the web view (agentos shell --web) to show it');
