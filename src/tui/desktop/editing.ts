import type { KeyEvent } from '../input/events.js';
import { graphemes } from '../render/width.js';
import { stripControls } from '../../util/sanitize.js';

export interface Edit {
  value: string;
  /** In graphemes. */
  cursor: number;
}

const isWordChar = (g: string) => /[\p{L}\p{N}_]/u.test(g);

/**
 * Text editing of inputs and textareas as a pure function: the value and cursor after a
 * key, or null when the key is not an edit (so it can mean something else: Tab, Enter in
 * a one-line field). Cursor positions count graphemes, so é and 😀 move as one.
 */
export function editText(value: string, cursor: number, e: KeyEvent, multiline: boolean): Edit | null {
  const g = graphemes(value);
  const at = Math.max(0, Math.min(cursor, g.length));
  const put = (chars: string[], c: number): Edit => ({ value: chars.join(''), cursor: c });
  if (e.text !== undefined && !e.ctrl && !e.alt) {
    const ins = graphemes(e.text);
    return put([...g.slice(0, at), ...ins, ...g.slice(at)], at + ins.length);
  }
  if (e.ctrl && !e.alt) {
    switch (e.name) {
      case 'e':
        return { value, cursor: multiline ? lineEnd(g, at) : g.length };
      case 'u':
        return multiline ? put([...g.slice(0, lineStart(g, at)), ...g.slice(at)], lineStart(g, at)) : put(g.slice(at), 0);
      case 'k':
        return multiline ? put([...g.slice(0, at), ...g.slice(lineEnd(g, at))], at) : put(g.slice(0, at), at);
      case 'w':
      case 'backspace': {
        const from = wordStart(g, at);
        return put([...g.slice(0, from), ...g.slice(at)], from);
      }
      case 'left':
        return { value, cursor: wordStart(g, at) };
      case 'right':
        return { value, cursor: wordEnd(g, at) };
      default:
        return null;
    }
  }
  if (e.alt) return null;
  switch (e.name) {
    case 'backspace':
      return at > 0 ? put([...g.slice(0, at - 1), ...g.slice(at)], at - 1) : { value, cursor: at };
    case 'delete':
      return at < g.length ? put([...g.slice(0, at), ...g.slice(at + 1)], at) : { value, cursor: at };
    case 'left':
      return { value, cursor: Math.max(0, at - 1) };
    case 'right':
      return { value, cursor: Math.min(g.length, at + 1) };
    case 'home':
      return { value, cursor: multiline ? lineStart(g, at) : 0 };
    case 'end':
      return { value, cursor: multiline ? lineEnd(g, at) : g.length };
    case 'enter':
      return multiline ? put([...g.slice(0, at), '\n', ...g.slice(at)], at + 1) : null;
    case 'up':
    case 'down': {
      if (!multiline) return null;
      const start = lineStart(g, at);
      const col = at - start;
      if (e.name === 'up') {
        if (start === 0) return { value, cursor: 0 };
        const prevStart = lineStart(g, start - 1);
        return { value, cursor: Math.min(prevStart + col, start - 1) };
      }
      const end = lineEnd(g, at);
      if (end >= g.length) return { value, cursor: g.length };
      return { value, cursor: Math.min(end + 1 + col, lineEnd(g, end + 1)) };
    }
    default:
      return null;
  }
}

/** Pasted text at the cursor: controls removed (newlines kept only in a textarea). */
export function pasteText(value: string, cursor: number, text: string, multiline: boolean): Edit {
  const clean = stripControls(text.replace(/\r\n?/g, '\n'), multiline).replace(/\t/g, '  ');
  const g = graphemes(value);
  const at = Math.max(0, Math.min(cursor, g.length));
  const ins = graphemes(clean);
  return { value: [...g.slice(0, at), ...ins, ...g.slice(at)].join(''), cursor: at + ins.length };
}

function lineStart(g: string[], at: number): number {
  let i = at;
  while (i > 0 && g[i - 1] !== '\n') i--;
  return i;
}

function lineEnd(g: string[], at: number): number {
  let i = at;
  while (i < g.length && g[i] !== '\n') i++;
  return i;
}

function wordStart(g: string[], at: number): number {
  let i = at;
  while (i > 0 && !isWordChar(g[i - 1]!)) i--;
  while (i > 0 && isWordChar(g[i - 1]!)) i--;
  return i;
}

function wordEnd(g: string[], at: number): number {
  let i = at;
  while (i < g.length && !isWordChar(g[i]!)) i++;
  while (i < g.length && isWordChar(g[i]!)) i++;
  return i;
}
