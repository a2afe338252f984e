import type { Terminal } from '@xterm/headless';
import { paint, type Color, type Style } from '../render/style.js';

type Cell = NonNullable<ReturnType<NonNullable<ReturnType<Terminal['buffer']['active']['getLine']>>['getCell']>>;

function fgOf(c: Cell): Color | undefined {
  if (c.isFgDefault()) return undefined;
  const v = c.getFgColor();
  return c.isFgRGB() ? [(v >> 16) & 255, (v >> 8) & 255, v & 255] : v;
}

function bgOf(c: Cell): Color | undefined {
  if (c.isBgDefault()) return undefined;
  const v = c.getBgColor();
  return c.isBgRGB() ? [(v >> 16) & 255, (v >> 8) & 255, v & 255] : v;
}

function styleOf(c: Cell): Style | undefined {
  const s: Style = {};
  const fg = fgOf(c);
  const bg = bgOf(c);
  if (fg !== undefined) s.fg = fg;
  if (bg !== undefined) s.bg = bg;
  if (c.isBold()) s.bold = true;
  if (c.isDim()) s.dim = true;
  if (c.isItalic()) s.italic = true;
  if (c.isUnderline()) s.underline = true;
  if (c.isInverse()) s.inverse = true;
  if (c.isStrikethrough()) s.strike = true;
  for (const _ in s) return s;
  return undefined;
}

const sameStyle = (a: Style | undefined, b: Style | undefined) =>
  a === b ||
  (!!a && !!b && String(a.fg) === String(b.fg) && String(a.bg) === String(b.bg) && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline && a.inverse === b.inverse && a.strike === b.strike);

/**
 * The emulator's screen as styled lines of exactly `cols` cells: `top` is the first buffer
 * line shown (the viewport, or further up in the scrollback). Runs of one style become one
 * SGR span. The cursor cell is drawn inverse when `cursor` is given.
 */
export function screenLines(term: Terminal, top: number, rows: number, cols: number, cursor?: { x: number; y: number }): string[] {
  const buf = term.buffer.active;
  const out: string[] = [];
  let cell: Cell | undefined;
  for (let y = 0; y < rows; y++) {
    const line = buf.getLine(top + y);
    if (!line) {
      out.push(' '.repeat(cols));
      continue;
    }
    let text = '';
    let run = '';
    let runStyle: Style | undefined;
    let used = 0;
    const flush = () => {
      if (run) text += paint(run, runStyle);
      run = '';
    };
    for (let x = 0; x < cols && used < cols; x++) {
      cell = line.getCell(x, cell);
      if (!cell) break;
      const w = cell.getWidth();
      if (w === 0) continue; // the second half of a wide character
      let ch = cell.getChars() || ' ';
      if (cell.isInvisible()) ch = ' '.repeat(w);
      let style = styleOf(cell);
      if (cursor && cursor.y === y && cursor.x === x) style = { ...style, inverse: !style?.inverse };
      if (used + w > cols) break;
      if (!sameStyle(style, runStyle)) {
        flush();
        runStyle = style;
      }
      run += ch;
      used += w;
    }
    flush();
    out.push(used < cols ? text + ' '.repeat(cols - used) : text);
  }
  return out;
}
