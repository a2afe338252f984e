import { block, segments, withHit } from '../render/block.js';
import { textWidth } from '../render/width.js';
import type { Renderer } from './types.js';
import { bool, stateStyle, str } from './util.js';

function toggle(mark: (on: boolean) => string): Renderer {
  return {
    focusable: true,
    natural: ({ props }) => 4 + textWidth(str(props.label)),
    render({ c, props, ctx, focused, disabled }) {
      const on = bool(props.checked);
      const width = ctx.width;
      const line = segments(
        [
          [mark(on), stateStyle(ctx.theme, on ? ctx.theme.accent : undefined, focused, disabled)],
          [' ' + str(props.label), disabled ? ctx.theme.disabled : undefined],
        ],
        width,
      );
      return withHit(block(width, [line]), { id: c.id });
    },
  };
}

/** `[x] label`; Space, Enter or a click toggles it. */
export const checkbox = toggle((on) => (on ? '[x]' : '[ ]'));
/** `(•) label`; choosing it unchooses the others of its name. */
export const radio = toggle((on) => (on ? '(•)' : '( )'));
