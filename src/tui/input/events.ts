/**
 * What the terminal sends us, as data. The parser turns raw stdin into these; the keymap,
 * the desktop and the terminal pane only ever see these (and `raw`, to pass a key through
 * to a shell byte for byte).
 */
export interface Modifiers {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
}

export interface KeyEvent extends Modifiers {
  type: 'key';
  /** `a`, `enter`, `up`, `f1`, `space`, `tab`, `backspace`, `escape`, `pageup`, ... (letters lowercase). */
  name: string;
  /** The character to insert, for printable keys (keeps the case and any non-ASCII letter). */
  text?: string;
  /** The bytes that made this key, as received. */
  raw: string;
}

export type MouseButton = 'left' | 'middle' | 'right' | 'none';
export type MouseAction = 'down' | 'up' | 'drag' | 'move' | 'wheel';

export interface MouseEvent extends Modifiers {
  type: 'mouse';
  action: MouseAction;
  button: MouseButton;
  /** Set for `wheel`. */
  wheel?: 'up' | 'down' | 'left' | 'right';
  /** Zero-based cell column and row. */
  x: number;
  y: number;
  raw: string;
}

export interface PasteEvent {
  type: 'paste';
  text: string;
  raw: string;
}

/** The terminal window gained or lost the user's focus (DEC mode 1004). */
export interface FocusEvent {
  type: 'focus';
  focused: boolean;
  raw: string;
}

export type InputEvent = KeyEvent | MouseEvent | PasteEvent | FocusEvent;

const NONE: Modifiers = { ctrl: false, alt: false, shift: false };

export function key(name: string, raw: string, mods: Partial<Modifiers> = {}, text?: string): KeyEvent {
  const k: KeyEvent = { type: 'key', name, raw, ...NONE, ...mods };
  if (text !== undefined) k.text = text;
  return k;
}
