import type { MouseAction, MouseEvent } from '../input/events.js';

/**
 * A mouse event as the bytes a program in a terminal asked for (xterm's ctlseqs, "Mouse
 * Tracking"): which events it wants depends on its tracking mode (DECSET 9, 1000, 1002,
 * 1003), how they are spelled on its encoding (DECSET 1005, 1006, 1015; X10 bytes when none).
 */
export type MouseTracking = 'none' | 'x10' | 'vt200' | 'drag' | 'any';
export type MouseEncoding = 'default' | 'utf8' | 'sgr' | 'urxvt';

/** What each tracking mode reports. */
const REPORTED: Record<MouseTracking, readonly MouseAction[]> = {
  none: [],
  x10: ['down'],
  vt200: ['down', 'up', 'wheel'],
  drag: ['down', 'up', 'wheel', 'drag'],
  any: ['down', 'up', 'wheel', 'drag', 'move'],
};

/** The DECSET numbers that choose an encoding. */
export const ENCODING_MODES: Record<number, MouseEncoding> = { 1005: 'utf8', 1006: 'sgr', 1015: 'urxvt' };

const BUTTON = { left: 0, middle: 1, right: 2, none: 3 } as const;
const WHEEL = { up: 0, down: 1, left: 2, right: 3 } as const;
/** One byte per coordinate (value + 32) must stay ASCII: the pty gets text, not raw bytes. */
const DEFAULT_MAX = 127 - 32;
const UTF8_MAX = 2015;

/**
 * The report for `e` at cell (x, y) of the terminal (1-based), or null when the program
 * did not ask for this kind of event (or its encoding cannot say where).
 */
export function mouseReport(e: MouseEvent, x: number, y: number, tracking: MouseTracking, encoding: MouseEncoding): string | null {
  if (!REPORTED[tracking].includes(e.action)) return null;
  const release = e.action === 'up';
  // Only SGR says which button was released; the others say "a button" (3).
  const button = BUTTON[e.button === 'none' && release ? 'left' : e.button];
  const base = {
    down: button,
    up: encoding === 'sgr' ? button : BUTTON.none,
    drag: 32 + button,
    move: 32 + BUTTON.none,
    wheel: 64 + WHEEL[e.wheel ?? 'up'],
  }[e.action];
  // X10 mode reports no modifiers.
  const code = base + (tracking === 'x10' ? 0 : (e.shift ? 4 : 0) + (e.alt ? 8 : 0) + (e.ctrl ? 16 : 0));
  switch (encoding) {
    case 'sgr':
      return `\x1b[<${code};${x};${y}${release ? 'm' : 'M'}`;
    case 'urxvt':
      return `\x1b[${code + 32};${x};${y}M`;
    default: {
      const max = encoding === 'utf8' ? UTF8_MAX : DEFAULT_MAX;
      if (x > max || y > max) return null;
      return `\x1b[M${String.fromCharCode(code + 32, x + 32, y + 32)}`;
    }
  }
}
