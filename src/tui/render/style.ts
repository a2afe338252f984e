/**
 * Text styles as data, written out as SGR escape codes. We write the codes ourselves (not
 * chalk) because the same cells come from three places: component renderers, the
 * terminal emulator's screen buffer and images, and they must agree on color depth.
 */
export type Color = string | number | readonly [number, number, number];

export interface Style {
  fg?: Color;
  bg?: Color;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

const NAMED: Record<string, number> = {
  black: 0,
  red: 1,
  green: 2,
  yellow: 3,
  blue: 4,
  magenta: 5,
  cyan: 6,
  white: 7,
  gray: 8,
  grey: 8,
  brightBlack: 8,
  brightRed: 9,
  brightGreen: 10,
  brightYellow: 11,
  brightBlue: 12,
  brightMagenta: 13,
  brightCyan: 14,
  brightWhite: 15,
};

export type ColorDepth = 'none' | '16' | '256' | 'truecolor';

/** What the terminal shows: NO_COLOR keeps bold and inverse but drops colors. */
export function detectDepth(env: NodeJS.ProcessEnv = process.env): ColorDepth {
  if (env.NO_COLOR) return 'none';
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 'truecolor';
  if (/256/.test(env.TERM ?? '') || env.TMUX) return '256';
  return '16';
}

let depth: ColorDepth = detectDepth();
export const setColorDepth = (d: ColorDepth) => {
  depth = d;
};
export const colorDepth = () => depth;

/** The nearest of the 256-color palette's 6×6×6 cube and gray ramp. */
export function rgbTo256(r: number, g: number, b: number): number {
  if (Math.abs(r - g) < 10 && Math.abs(g - b) < 10) {
    if (r < 8) return 16;
    if (r > 246) return 231;
    return 232 + Math.round(((r - 8) / 238) * 23);
  }
  const q = (v: number) => (v < 48 ? 0 : v < 115 ? 1 : Math.floor((v - 35) / 40));
  return 16 + 36 * q(r) + 6 * q(g) + q(b);
}

const BASIC_RGB: [number, number, number][] = [
  [0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0], [0, 0, 238], [205, 0, 205], [0, 205, 205], [229, 229, 229],
  [127, 127, 127], [255, 0, 0], [0, 255, 0], [255, 255, 0], [92, 92, 255], [255, 0, 255], [0, 255, 255], [255, 255, 255],
];

function rgbTo16(r: number, g: number, b: number): number {
  let best = 0;
  let bestD = Infinity;
  BASIC_RGB.forEach(([R, G, B], i) => {
    const d = (R - r) ** 2 + (G - g) ** 2 + (B - b) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

function parseHex(c: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(c);
  if (!m) return undefined;
  const h = m[1]!.length === 3 ? m[1]!.replace(/./g, (x) => x + x) : m[1]!;
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** SGR parameters for one color (`base` 30 for foreground, 40 for background). */
function colorCode(c: Color, base: 30 | 40): string {
  let rgb: readonly [number, number, number] | undefined;
  let index: number | undefined;
  if (typeof c === 'number') index = c;
  else if (typeof c === 'string') {
    const named = NAMED[c];
    if (named !== undefined) index = named;
    else rgb = parseHex(c);
  } else rgb = c;
  if (rgb) {
    if (depth === 'truecolor') return `${base + 8};2;${rgb[0]};${rgb[1]};${rgb[2]}`;
    index = depth === '256' ? rgbTo256(...rgb) : rgbTo16(...rgb);
  }
  if (index === undefined) return '';
  if (index < 8) return String(base + index);
  if (index < 16) return String(base + 60 + index - 8);
  if (depth === '16') return '';
  return `${base + 8};5;${index}`;
}

const cache = new Map<string, string>();

/** The SGR sequence that turns a style on ('' for no style). */
export function sgr(s: Style | undefined): string {
  if (!s) return '';
  const key = `${depth}|${s.fg}|${s.bg}|${s.bold ? 1 : 0}${s.dim ? 1 : 0}${s.italic ? 1 : 0}${s.underline ? 1 : 0}${s.inverse ? 1 : 0}${s.strike ? 1 : 0}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const codes: string[] = [];
  if (s.bold) codes.push('1');
  if (s.dim) codes.push('2');
  if (s.italic) codes.push('3');
  if (s.underline) codes.push('4');
  if (s.inverse) codes.push('7');
  if (s.strike) codes.push('9');
  if (depth !== 'none') {
    if (s.fg !== undefined) codes.push(colorCode(s.fg, 30));
    if (s.bg !== undefined) codes.push(colorCode(s.bg, 40));
  }
  const out = codes.filter(Boolean).length ? `\x1b[${codes.filter(Boolean).join(';')}m` : '';
  if (cache.size > 4096) cache.clear();
  cache.set(key, out);
  return out;
}

export const RESET = '\x1b[0m';

/** Text in a style, reset after. Text must already be free of control characters. */
export function paint(text: string, s?: Style): string {
  if (!text) return '';
  const on = sgr(s);
  return on ? on + text + RESET : text;
}

export const merge = (a: Style | undefined, b: Style | undefined): Style | undefined => (a && b ? { ...a, ...b } : a ?? b);

/** Remove SGR codes: what the user reads (tests and hit-testing text). */
// eslint-disable-next-line no-control-regex
export const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
