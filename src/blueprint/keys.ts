import { closest } from '../util/suggest.js';

/**
 * Key names for `ui.keys`. A key is an optional chain of modifiers and one base key:
 * `C-` Ctrl, `M-` Meta/Alt, `S-` Shift (written in that order in the canonical form), then
 * a single character (`7`, `+`, `a`; case matters: `A` is Shift+a) or a named key.
 * Named keys are matched without regard to case and a few common spellings are accepted
 * (`Esc`, `Return`, `ArrowUp`...); the canonical spelling is the one in NAMED_KEYS.
 */
export const NAMED_KEYS = [
  'Enter', 'Escape', 'Backspace', 'Tab', 'Space', 'Delete', 'Insert',
  'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown',
  'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12',
] as const;

export const KEY_ALIASES: Record<string, string> = {
  esc: 'Escape', return: 'Enter', del: 'Delete', ins: 'Insert', bs: 'Backspace',
  arrowup: 'Up', arrowdown: 'Down', arrowleft: 'Left', arrowright: 'Right',
  pgup: 'PageUp', pgdn: 'PageDown', pagedn: 'PageDown',
};

export const MODIFIERS = { C: 'Ctrl', M: 'Meta/Alt', S: 'Shift' } as const;
const MODIFIER_ALIASES: Record<string, keyof typeof MODIFIERS> = {
  c: 'C', ctrl: 'C', control: 'C', m: 'M', meta: 'M', alt: 'M', s: 'S', shift: 'S',
};

const NAMED_BY_LOWER = new Map<string, string>(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));

export type KeyParse = { ok: true; key: string } | { ok: false; message: string };

/** Checks a key name and returns its canonical spelling (`ctrl+s` -> `C-s`, `esc` -> `Escape`). */
export function parseKeyName(input: string): KeyParse {
  if (input.length === 0) return { ok: false, message: 'empty key name' };
  // A lone "-" or "+" is a key; otherwise split modifiers on "-" or "+" (C-s, Ctrl+S).
  const parts = input.length === 1 ? [input] : input.split(/(?<=.)[-+](?=.)/);
  const base = parts.pop()!;
  const mods = new Set<keyof typeof MODIFIERS>();
  for (const m of parts) {
    const mod = MODIFIER_ALIASES[m.toLowerCase()];
    if (!mod) return { ok: false, message: `unknown modifier "${m}" in key "${input}": use C- (Ctrl), M- (Meta/Alt) or S- (Shift)` };
    if (mods.has(mod)) return { ok: false, message: `modifier "${m}" given twice in key "${input}"` };
    mods.add(mod);
  }
  let name: string | undefined;
  if ([...base].length === 1) name = base === ' ' ? 'Space' : base;
  else name = NAMED_BY_LOWER.get(base.toLowerCase()) ?? KEY_ALIASES[base.toLowerCase()];
  if (!name) {
    const hint = closest(base, [...NAMED_KEYS, ...Object.keys(KEY_ALIASES)]);
    const canon = hint && (NAMED_BY_LOWER.get(hint.toLowerCase()) ?? KEY_ALIASES[hint.toLowerCase()] ?? hint);
    return {
      ok: false,
      message: `unknown key "${base}"${canon ? ` (did you mean "${canon}"?)` : ''}: use one character or Enter, Escape, Backspace, Tab, Space, Up/Down/Left/Right, Home/End, PageUp/PageDown, Delete, Insert, F1-F12, with C-/M-/S- modifiers`,
    };
  }
  const prefix = (['C', 'M', 'S'] as const).filter((m) => mods.has(m)).map((m) => `${m}-`).join('');
  return { ok: true, key: prefix + name };
}
