import type { KeyEvent } from './events.js';

/**
 * One spelling for a key, used by the keymap and in docs: `C-a`, `M-x`, `S-tab`, `C-S-up`,
 * `f1`, `enter`, `?`, `A`. Printable characters are themselves (Shift is in the character);
 * other keys carry C- (Ctrl), M- (Alt/Meta) and S- (Shift) in that order.
 */
export function keyId(e: KeyEvent): string {
  if (e.text && e.name !== 'space' && !e.ctrl) return (e.alt ? 'M-' : '') + e.text;
  return (e.ctrl ? 'C-' : '') + (e.alt ? 'M-' : '') + (e.shift ? 'S-' : '') + e.name;
}

const MODIFIER_WORDS: Record<string, 'C' | 'M' | 'S'> = {
  c: 'C',
  ctrl: 'C',
  control: 'C',
  m: 'M',
  alt: 'M',
  meta: 'M',
  opt: 'M',
  option: 'M',
  s: 'S',
  shift: 'S',
};

const NAME_ALIASES: Record<string, string> = {
  esc: 'escape',
  return: 'enter',
  cr: 'enter',
  bs: 'backspace',
  del: 'delete',
  pgup: 'pageup',
  pgdn: 'pagedown',
  ' ': 'space',
  spc: 'space',
  ins: 'insert',
};

/**
 * A key as a user writes it (`Ctrl+K`, `ctrl-k`, `^K`, `C-k`, `Alt+x`, `Shift+Tab`, `F1`)
 * in the canonical `keyId` spelling, or undefined when it is not a key.
 */
export function normalizeKey(spec: string): string | undefined {
  let s = spec.trim();
  if (!s) return undefined;
  if (/^\^[A-Za-z@\\\]^_]$/.test(s)) s = `C-${s[1]!.toLowerCase()}`;
  const parts = s.length > 1 ? s.split(/[-+](?=.)/) : [s];
  const mods = new Set<'C' | 'M' | 'S'>();
  for (const p of parts.slice(0, -1)) {
    const m = MODIFIER_WORDS[p.toLowerCase()];
    if (!m) return undefined;
    mods.add(m);
  }
  let name = parts[parts.length - 1]!;
  if (name.length > 1) {
    name = name.toLowerCase();
    name = NAME_ALIASES[name] ?? name;
    if (!/^(f([1-9]|1[0-2])|[a-z]+)$/.test(name)) return undefined;
  } else if (mods.has('C') && /[A-Za-z]/.test(name)) {
    // Ctrl+A and Ctrl+a are the same byte.
    name = name.toLowerCase();
  } else if (mods.has('S') && /[a-z]/.test(name)) {
    mods.delete('S');
    name = name.toUpperCase();
  }
  name = NAME_ALIASES[name] ?? name;
  const printable = name.length === 1 || name === 'space';
  if (printable && !mods.has('C') && name !== 'space') return (mods.has('M') ? 'M-' : '') + name;
  return (mods.has('C') ? 'C-' : '') + (mods.has('M') ? 'M-' : '') + (mods.has('S') ? 'S-' : '') + name;
}

const KEY_WORDS: Record<string, string> = { pageup: 'PageUp', pagedown: 'PageDown', escape: 'Esc', backspace: 'Backspace' };

/** How a key reads in help text: `Ctrl+A`, `Alt+X`, `Shift+Tab`, `F1`. */
export function describeKey(id: string): string {
  const parts = id.length > 1 ? id.split(/-(?=.)/) : [id];
  const words: Record<string, string> = { C: 'Ctrl', M: 'Alt', S: 'Shift' };
  const name = parts[parts.length - 1]!;
  const shown = name.length === 1 ? (parts.length > 1 ? name.toUpperCase() : name) : (KEY_WORDS[name] ?? (/^f\d+$/.test(name) ? name.toUpperCase() : name[0]!.toUpperCase() + name.slice(1)));
  return [...parts.slice(0, -1).map((p) => words[p] ?? p), shown].join('+');
}
