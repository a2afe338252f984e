import { block, segments, withHit } from '../render/block.js';
import type { Renderer } from './types.js';
import { num, roleStyle, stateStyle, str } from './util.js';

/** min, max and step of a slider, sane whatever the props say. */
export function sliderRange(props: Record<string, unknown>): { min: number; max: number; step: number } {
  const min = num(props.min, 0);
  let max = num(props.max, 100);
  if (max <= min) max = min + 1;
  const step = Math.max(Number.EPSILON, num(props.step, 1));
  return { min, max, step };
}

export function clampToStep(v: number, r: { min: number; max: number; step: number }): number {
  const snapped = r.min + Math.round((v - r.min) / r.step) * r.step;
  const clamped = Math.min(r.max, Math.max(r.min, snapped));
  // Steps like 0.1 accumulate float error; keep the digits of the step.
  const digits = (String(r.step).split('.')[1] ?? '').length;
  return Number(clamped.toFixed(Math.min(10, digits)));
}

/** `├────●──────┤ 40`: arrows move by a step, PageUp/PageDown by ten, a click jumps there. */
export const slider: Renderer = {
  focusable: true,
  natural: () => 24,
  render({ c, props, ctx, focused, disabled }) {
    const r = sliderRange(props);
    const value = clampToStep(num(props.value, r.min), r);
    const label = ` ${str(props.label ? `${props.label}: ` : '')}${value}`;
    const track = Math.max(3, ctx.width - label.length - 2);
    const pos = Math.round(((value - r.min) / (r.max - r.min)) * (track - 1));
    const color = disabled ? ctx.theme.disabled : (roleStyle(ctx.theme, props.variant) ?? ctx.theme.accent);
    const knob = stateStyle(ctx.theme, color, focused, disabled);
    const line = segments(
      [
        ['├', ctx.theme.border],
        ['━'.repeat(pos), color],
        ['●', knob],
        ['─'.repeat(Math.max(0, track - pos - 1)), ctx.theme.muted],
        ['┤', ctx.theme.border],
        [label, disabled ? ctx.theme.disabled : undefined],
      ],
      ctx.width,
    );
    const b = withHit(block(ctx.width, [line]), { id: c.id });
    // The track answers clicks with the value under the pointer.
    return withHit(b, { id: c.id, part: 'track', x: 1, w: track, value: { ...r, cells: track } });
  },
};
