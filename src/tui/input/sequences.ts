/**
 * The escape sequences terminals send for keys, as tables. xterm, VTE, tmux, screen and the
 * Linux console differ in a few of them; every spelling we know maps to one key name.
 */

/** `ESC [ <params> <final>` and `ESC O <final>`: the final byte names the key. */
export const CSI_FINAL: Record<string, string> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  E: 'clear',
  F: 'end',
  H: 'home',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
};

/** `ESC O <final>` extras: the application-keypad keys. */
export const SS3_FINAL: Record<string, string> = {
  ...CSI_FINAL,
  M: 'enter',
  j: '*',
  k: '+',
  m: '-',
  n: '.',
  o: '/',
  p: '0',
  q: '1',
  r: '2',
  s: '3',
  t: '4',
  u: '5',
  v: '6',
  w: '7',
  x: '8',
  y: '9',
};

/** `ESC [ <n> ~`: the number names the key. */
export const CSI_TILDE: Record<number, string> = {
  1: 'home',
  2: 'insert',
  3: 'delete',
  4: 'end',
  5: 'pageup',
  6: 'pagedown',
  7: 'home',
  8: 'end',
  11: 'f1',
  12: 'f2',
  13: 'f3',
  14: 'f4',
  15: 'f5',
  17: 'f6',
  18: 'f7',
  19: 'f8',
  20: 'f9',
  21: 'f10',
  23: 'f11',
  24: 'f12',
};

/** The Linux console's `ESC [ [ A` .. `ESC [ [ E`. */
export const LINUX_FN: Record<string, string> = { A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5' };

/** Single control bytes that have a name of their own (the rest are Ctrl+letter). */
export const CONTROL_NAMES: Record<number, string> = {
  0x08: 'backspace',
  0x09: 'tab',
  0x0a: 'enter',
  0x0d: 'enter',
  0x1b: 'escape',
  0x7f: 'backspace',
};

/** Ctrl with a symbol: `C-@` is NUL (Ctrl+Space), 0x1c..0x1f are `C-\ C-] C-^ C-_`. */
export const CONTROL_SYMBOLS: Record<number, string> = {
  0x00: 'space',
  0x1c: '\\',
  0x1d: ']',
  0x1e: '^',
  0x1f: '_',
};

/** Kitty / CSI-u codepoints that are keys rather than characters. */
export const CSI_U_NAMES: Record<number, string> = {
  9: 'tab',
  13: 'enter',
  27: 'escape',
  32: 'space',
  127: 'backspace',
};
