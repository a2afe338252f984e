import { key, type InputEvent, type KeyEvent, type Modifiers, type MouseEvent } from './events.js';
import { CONTROL_NAMES, CONTROL_SYMBOLS, CSI_FINAL, CSI_TILDE, CSI_U_NAMES, LINUX_FN, SS3_FINAL } from './sequences.js';

const ESC = '\x1b';
const PASTE_END = '\x1b[201~';

/** A parsed escape sequence and how many characters it used; `incomplete` when more input is needed. */
type Parsed = { events: InputEvent[]; length: number } | 'incomplete';

/**
 * Turns raw stdin text into typed key, mouse, paste and focus events. Pure apart from the
 * bytes it holds back: a sequence split across two chunks is completed by the next `feed`;
 * several keys in one chunk (`"ab\r"`) come out as several events. A lone ESC cannot be told
 * from the start of a sequence until more input or a pause: the caller calls `flush()` after
 * a short timeout when `pending` is true.
 */
export class InputParser {
  private buffer = '';
  private pasting = false;
  private pasted = '';

  /** True when bytes are held back waiting for the rest of a sequence. */
  get pending(): boolean {
    return this.buffer.length > 0 && !this.pasting;
  }

  feed(chunk: string): InputEvent[] {
    this.buffer += chunk;
    return this.drain(false);
  }

  /** Give up waiting: a held-back ESC is the Escape key, and what follows it is read as typed. */
  flush(): InputEvent[] {
    return this.drain(true);
  }

  private drain(final: boolean): InputEvent[] {
    const out: InputEvent[] = [];
    const buf = this.buffer;
    let i = 0;
    while (i < buf.length) {
      if (this.pasting) {
        const end = buf.indexOf(PASTE_END, i);
        if (end === -1) {
          // Keep a possible start of the terminator for the next chunk.
          const keep = partialSuffix(buf, PASTE_END);
          this.pasted += buf.slice(i, buf.length - keep);
          i = buf.length - keep;
          break;
        }
        this.pasted += buf.slice(i, end);
        out.push({ type: 'paste', text: this.pasted, raw: `\x1b[200~${this.pasted}${PASTE_END}` });
        this.pasting = false;
        this.pasted = '';
        i = end + PASTE_END.length;
        continue;
      }
      const ch = buf[i]!;
      if (ch === ESC) {
        const parsed = parseEscape(buf, i);
        if (parsed === 'incomplete') {
          if (!final) break;
          out.push(key('escape', ESC));
          i += 1;
          continue;
        }
        for (const e of parsed.events) {
          if (e.type === 'paste') this.pasting = true;
          else out.push(e);
        }
        i += parsed.length;
        continue;
      }
      const cp = buf.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      out.push(plainKey(buf.slice(i, i + len), cp));
      i += len;
    }
    this.buffer = buf.slice(i);
    return out;
  }
}

/** A key from one character that is not ESC: a control byte or a printable character. */
function plainKey(ch: string, cp: number, mods: Partial<Modifiers> = {}, raw = ch): KeyEvent {
  if (cp < 0x20 || cp === 0x7f) {
    const named = CONTROL_NAMES[cp];
    if (named) return key(named, raw, mods);
    const symbol = CONTROL_SYMBOLS[cp];
    if (symbol) return key(symbol, raw, { ...mods, ctrl: true });
    return key(String.fromCharCode(cp + 0x60), raw, { ...mods, ctrl: true });
  }
  if (ch === ' ') return key('space', raw, mods, ' ');
  const lower = ch.toLowerCase();
  const isUpperLetter = lower !== ch && ch.length === 1 && /[A-Z]/.test(ch);
  return key(isUpperLetter ? lower : ch, raw, isUpperLetter ? { ...mods, shift: true } : mods, ch);
}

function parseEscape(buf: string, i: number): Parsed {
  if (i + 1 >= buf.length) return 'incomplete';
  const next = buf[i + 1]!;
  if (next === '[') return parseCsi(buf, i);
  if (next === 'O') return parseSs3(buf, i);
  if (next === ESC) {
    // ESC ESC <sequence>: Alt with a special key (how xterm sends Alt+arrow without modifyOtherKeys).
    if (i + 2 >= buf.length) return 'incomplete';
    const inner = parseEscape(buf, i + 1);
    if (inner === 'incomplete') return inner;
    const events = inner.events.map((e) => (e.type === 'key' ? { ...e, alt: true, raw: ESC + e.raw } : e));
    return { events, length: inner.length + 1 };
  }
  // ESC <char>: Alt with that character.
  const cp = buf.codePointAt(i + 1)!;
  const len = cp > 0xffff ? 2 : 1;
  return { events: [plainKey(buf.slice(i + 1, i + 1 + len), cp, { alt: true }, buf.slice(i, i + 1 + len))], length: 1 + len };
}

function parseSs3(buf: string, i: number): Parsed {
  let j = i + 2;
  // Some terminals put a modifier between O and the final: ESC O 5 A.
  while (j < buf.length && /[0-9;]/.test(buf[j]!)) j++;
  if (j >= buf.length) return 'incomplete';
  const final = buf[j]!;
  const raw = buf.slice(i, j + 1);
  const name = SS3_FINAL[final];
  if (!name) return { events: [key('unknown', raw)], length: raw.length };
  const mods = modifiers(Number(buf.slice(i + 2, j).split(';').pop() || 1));
  return { events: [key(name, raw, mods, name.length === 1 ? name : undefined)], length: raw.length };
}

function parseCsi(buf: string, i: number): Parsed {
  const start = i + 2;
  if (start >= buf.length) return 'incomplete';
  const first = buf[start]!;
  if (first === '<') return parseSgrMouse(buf, i);
  if (first === 'M') {
    // X10 mouse: ESC [ M then three bytes, each value + 32.
    if (start + 3 >= buf.length) return 'incomplete';
    const b = buf.charCodeAt(start + 1) - 32;
    const x = buf.charCodeAt(start + 2) - 33;
    const y = buf.charCodeAt(start + 3) - 33;
    const raw = buf.slice(i, start + 4);
    return { events: [mouse(b, x, y, (b & 3) === 3 ? 'up' : 'down', raw)], length: raw.length };
  }
  if (first === '[') {
    if (start + 1 >= buf.length) return 'incomplete';
    const raw = buf.slice(i, start + 2);
    return { events: [key(LINUX_FN[buf[start + 1]!] ?? 'unknown', raw)], length: raw.length };
  }
  // ECMA-48: parameter bytes 0x30-0x3f, intermediates 0x20-0x2f, one final byte 0x40-0x7e.
  let j = start;
  while (j < buf.length && buf.charCodeAt(j) >= 0x30 && buf.charCodeAt(j) <= 0x3f) j++;
  while (j < buf.length && buf.charCodeAt(j) >= 0x20 && buf.charCodeAt(j) <= 0x2f) j++;
  if (j >= buf.length) return 'incomplete';
  const finalCode = buf.charCodeAt(j);
  if (finalCode < 0x40 || finalCode > 0x7e) {
    // Not a sequence after all: Alt+[ and read on from there.
    return { events: [key('[', ESC + '[', { alt: true }, '[')], length: 2 };
  }
  const final = buf[j]!;
  const raw = buf.slice(i, j + 1);
  const params = buf.slice(start, j).split(';').map((p) => Number(p.split(':')[0] || 0));
  const event = csiKey(final, params, raw);
  return { events: event ? [event] : [], length: raw.length };
}

function csiKey(final: string, params: number[], raw: string): InputEvent | undefined {
  const mods = modifiers(params[1] ?? 1);
  if (final === '~') {
    const n = params[0] ?? 0;
    if (n === 200) return { type: 'paste', text: '', raw };
    if (n === 201) return undefined;
    return key(CSI_TILDE[n] ?? 'unknown', raw, mods);
  }
  if (final === 'u') {
    const cp = params[0] ?? 0;
    const named = CSI_U_NAMES[cp];
    if (named) return key(named, raw, mods, named === 'space' ? ' ' : undefined);
    const ch = String.fromCodePoint(cp);
    if (mods.ctrl && /[a-z]/i.test(ch)) return key(ch.toLowerCase(), raw, mods);
    return key(ch.toLowerCase(), raw, mods, ch);
  }
  if (final === 'Z') return key('tab', raw, { ...mods, shift: true });
  if ((final === 'I' || final === 'O') && raw.length === 3) return { type: 'focus', focused: final === 'I', raw };
  const name = CSI_FINAL[final];
  return key(name ?? 'unknown', raw, mods);
}

function parseSgrMouse(buf: string, i: number): Parsed {
  let j = i + 3;
  while (j < buf.length && /[0-9;]/.test(buf[j]!)) j++;
  if (j >= buf.length) return 'incomplete';
  const raw = buf.slice(i, j + 1);
  const final = buf[j];
  const [b, x, y] = buf.slice(i + 3, j).split(';').map(Number);
  if ((final !== 'M' && final !== 'm') || b === undefined || x === undefined || y === undefined || [b, x, y].some(Number.isNaN)) {
    return { events: [key('unknown', raw)], length: raw.length };
  }
  return { events: [mouse(b, x - 1, y - 1, final === 'm' ? 'up' : 'down', raw)], length: raw.length };
}

const BUTTONS = ['left', 'middle', 'right', 'none'] as const;
const WHEEL = ['up', 'down', 'left', 'right'] as const;

/** Decode the button byte shared by SGR and X10 reports. */
function mouse(b: number, x: number, y: number, pressOrRelease: 'down' | 'up', raw: string): MouseEvent {
  const mods = { shift: (b & 4) !== 0, alt: (b & 8) !== 0, ctrl: (b & 16) !== 0 };
  const base = { type: 'mouse' as const, x: Math.max(0, x), y: Math.max(0, y), raw, ...mods };
  if (b & 64) return { ...base, action: 'wheel', button: 'none', wheel: WHEEL[b & 3] };
  const button = BUTTONS[b & 3]!;
  if (b & 32) return { ...base, action: button === 'none' ? 'move' : 'drag', button };
  return { ...base, action: pressOrRelease, button };
}

/** xterm's modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4 | meta 8). */
function modifiers(param: number): Modifiers {
  const m = Math.max(0, (param || 1) - 1);
  return { shift: (m & 1) !== 0, alt: (m & 2) !== 0 || (m & 8) !== 0, ctrl: (m & 4) !== 0 };
}

/** Length of the longest end of `text` that starts `marker` (so a split marker is not lost). */
function partialSuffix(text: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(marker.slice(0, n))) return n;
  }
  return 0;
}
