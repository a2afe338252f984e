import { describe, expect, it } from 'vitest';
import { InputParser } from '../../../src/tui/input/parser.js';
import { describeKey, keyId, normalizeKey } from '../../../src/tui/input/key-id.js';
import type { InputEvent, KeyEvent } from '../../../src/tui/input/events.js';

const parse = (...chunks: string[]) => {
  const p = new InputParser();
  const out: InputEvent[] = [];
  for (const c of chunks) out.push(...p.feed(c));
  out.push(...p.flush());
  return out;
};
const ids = (...chunks: string[]) => parse(...chunks).map((e) => (e.type === 'key' ? keyId(e) : e.type));

describe('InputParser', () => {
  it('splits typed text merged with Enter into separate keys', () => {
    expect(ids('ab\r')).toEqual(['a', 'b', 'enter']);
    const keys = parse('A1 ') as KeyEvent[];
    expect(keys.map((k) => [k.name, k.text, k.shift])).toEqual([
      ['a', 'A', true],
      ['1', '1', false],
      ['space', ' ', false],
    ]);
  });

  it('reads control bytes as Ctrl keys and names the special ones', () => {
    expect(ids('\x01\x0b\x11\t\x7f\x08\x00\x1c')).toEqual(['C-a', 'C-k', 'C-q', 'tab', 'backspace', 'backspace', 'C-space', 'C-\\']);
  });

  it('reads CSI and SS3 keys with modifiers', () => {
    expect(ids('\x1b[A\x1bOB\x1b[1;5C\x1b[1;2D\x1b[Z\x1bOP\x1b[15~\x1b[3~\x1b[5;3~\x1b[H\x1b[4~')).toEqual([
      'up', 'down', 'C-right', 'S-left', 'S-tab', 'f1', 'f5', 'delete', 'M-pageup', 'home', 'end',
    ]);
    expect(ids('\x1b[[A')).toEqual(['f1']);
    expect(ids('\x1b[97;5u')).toEqual(['C-a']);
  });

  it('reads Alt-prefixed keys, including Alt with a special key', () => {
    expect(ids('\x1bx\x1bX\x1b\x1b[A\x1b\r')).toEqual(['M-x', 'M-X', 'M-up', 'M-enter']);
  });

  it('completes a sequence split across chunks', () => {
    expect(ids('\x1b', '[', '1;5', 'A')).toEqual(['C-up']);
    expect(ids('\x1b[<0;1', '0;5M')).toEqual(['mouse']);
    const p = new InputParser();
    expect(p.feed('x\x1b[')).toHaveLength(1);
    expect(p.pending).toBe(true);
    expect(p.feed('B').map((e) => (e as KeyEvent).name)).toEqual(['down']);
    expect(p.pending).toBe(false);
  });

  it('holds a lone ESC until flushed, then reads it as Escape', () => {
    const p = new InputParser();
    expect(p.feed('\x1b')).toEqual([]);
    expect(p.pending).toBe(true);
    expect(p.flush().map((e) => (e as KeyEvent).name)).toEqual(['escape']);
    expect(p.pending).toBe(false);
  });

  it('reads SGR mouse press, release, drag, move and wheel with modifiers', () => {
    const events = parse('\x1b[<0;10;5M\x1b[<32;11;5M\x1b[<0;12;6m\x1b[<35;1;1M\x1b[<64;3;3M\x1b[<65;3;3M\x1b[<18;2;2M');
    expect(events.map((e) => (e.type === 'mouse' ? [e.action, e.button, e.wheel ?? '', e.x, e.y, e.ctrl] : e.type))).toEqual([
      ['down', 'left', '', 9, 4, false],
      ['drag', 'left', '', 10, 4, false],
      ['up', 'left', '', 11, 5, false],
      ['move', 'none', '', 0, 0, false],
      ['wheel', 'none', 'up', 2, 2, false],
      ['wheel', 'none', 'down', 2, 2, false],
      ['down', 'right', '', 1, 1, true],
    ]);
  });

  it('reads legacy X10 mouse reports', () => {
    const [e] = parse('\x1b[M' + String.fromCharCode(32, 33 + 4, 33 + 2));
    expect(e).toMatchObject({ type: 'mouse', action: 'down', button: 'left', x: 4, y: 2 });
  });

  it('reads bracketed paste as one event, even split and containing escapes', () => {
    const events = parse('a\x1b[200~hel', 'lo\r\x1b[A wor', 'ld\x1b[20', '1~b');
    expect(events.map((e) => e.type)).toEqual(['key', 'paste', 'key']);
    expect(events[1]).toMatchObject({ type: 'paste', text: 'hello\r\x1b[A world' });
  });

  it('keeps non-ASCII text whole', () => {
    const keys = parse('é😀') as KeyEvent[];
    expect(keys.map((k) => k.text)).toEqual(['é', '😀']);
  });

  it('reads focus reports and names unknown sequences without typing them', () => {
    expect(parse('\x1b[I\x1b[O').map((e) => e.type === 'focus' && e.focused)).toEqual([true, false]);
    expect(ids('\x1b[99X')).toEqual(['unknown']);
  });

  it('keeps the raw bytes of every key so they can be passed to a shell', () => {
    expect(parse('\x1b[1;5A\x03x').map((e) => e.raw)).toEqual(['\x1b[1;5A', '\x03', 'x']);
  });
});

describe('key ids', () => {
  it('normalizes the ways people write keys', () => {
    expect(normalizeKey('Ctrl+K')).toBe('C-k');
    expect(normalizeKey('^K')).toBe('C-k');
    expect(normalizeKey('C-a')).toBe('C-a');
    expect(normalizeKey('alt-x')).toBe('M-x');
    expect(normalizeKey('Shift+Tab')).toBe('S-tab');
    expect(normalizeKey('shift+a')).toBe('A');
    expect(normalizeKey('F1')).toBe('f1');
    expect(normalizeKey('Esc')).toBe('escape');
    expect(normalizeKey('?')).toBe('?');
    expect(normalizeKey('ctrl+shift+up')).toBe('C-S-up');
    expect(normalizeKey('hyper+x')).toBeUndefined();
    expect(normalizeKey('')).toBeUndefined();
  });

  it('matches what the parser produces', () => {
    for (const [raw, spec] of [['\x01', 'Ctrl+A'], ['\x1b[Z', 'Shift+Tab'], ['\x1b[1;5A', 'C-up'], ['?', '?'], ['\x1bOP', 'F1']] as const) {
      expect(keyId(parse(raw)[0] as KeyEvent)).toBe(normalizeKey(spec));
    }
  });

  it('describes keys for people', () => {
    expect(describeKey('C-a')).toBe('Ctrl+A');
    expect(describeKey('S-tab')).toBe('Shift+Tab');
    expect(describeKey('f1')).toBe('F1');
    expect(describeKey('?')).toBe('?');
  });
});
