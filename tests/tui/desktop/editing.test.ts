import { describe, expect, it } from 'vitest';
import { editText, pasteText } from '../../../src/tui/desktop/editing.js';
import { InputParser } from '../../../src/tui/input/parser.js';
import type { KeyEvent } from '../../../src/tui/input/events.js';

const k = (raw: string) => new InputParser().feed(raw)[0] as KeyEvent;

describe('editText', () => {
  it('inserts at the cursor and moves by graphemes', () => {
    expect(editText('ac', 1, k('b'), false)).toEqual({ value: 'abc', cursor: 2 });
    expect(editText('é😀x', 3, k('\x7f'), false)).toEqual({ value: 'é😀', cursor: 2 });
    expect(editText('é😀x', 1, k('\x1b[3~'), false)).toEqual({ value: 'éx', cursor: 1 });
  });

  it('Home/End and word motions; Ctrl+U / Ctrl+K / Ctrl+W cut', () => {
    expect(editText('hello world', 5, k('\x1b[H'), false)!.cursor).toBe(0);
    expect(editText('hello world', 0, k('\x1b[F'), false)!.cursor).toBe(11);
    expect(editText('hello world', 11, k('\x17'), false)).toEqual({ value: 'hello ', cursor: 6 });
    expect(editText('hello world', 5, k('\x15'), false)).toEqual({ value: ' world', cursor: 0 });
    expect(editText('hello world', 5, k('\x0b'), false)).toEqual({ value: 'hello', cursor: 5 });
  });

  it('Enter is not an edit in one line, a newline in a textarea; up/down move between lines', () => {
    expect(editText('a', 1, k('\r'), false)).toBeNull();
    expect(editText('ab', 1, k('\r'), true)).toEqual({ value: 'a\nb', cursor: 2 });
    expect(editText('abc\nde', 5, k('\x1b[A'), true)!.cursor).toBe(1);
    expect(editText('abc\nde', 1, k('\x1b[B'), true)!.cursor).toBe(5);
  });

  it('pastes without control characters, keeping newlines only in a textarea', () => {
    expect(pasteText('ab', 1, 'x\x1b[31my\r\nz', false)).toEqual({ value: 'axyzb', cursor: 4 });
    expect(pasteText('', 0, 'x\r\ny', true).value).toBe('x\ny');
  });
});
