import { graphemes, graphemeWidth } from './width.js';

/**
 * The screen as cells, composed from layers drawn bottom to top (windows, bars, overlays):
 * what Ink would otherwise do by re-measuring every character of every window on every
 * frame. Each layer's lines are parsed into cells once (cached by the lines array), so a
 * frame costs one pass over the screen, however many windows are open.
 */
interface Cell {
  ch: string;
  /** The SGR codes in force for this cell ('' for none). */
  sgr: string;
}

const BLANK: Cell = Object.freeze({ ch: ' ', sgr: '' });
/** The right half of a wide character: drawn by the left half. */
const CONT: Cell = Object.freeze({ ch: '', sgr: '' });

const parsed = new WeakMap<readonly string[], Cell[][]>();

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[([0-9;]*)m/y;

/** One line of our own styled text (SGR codes only) as cells. */
export function lineCells(line: string): Cell[] {
  const out: Cell[] = [];
  let sgr = '';
  let i = 0;
  let text = '';
  const flush = () => {
    if (!text) return;
    for (const g of graphemes(text)) {
      const w = graphemeWidth(g);
      if (w === 0) {
        const last = out[out.length - 1];
        if (last && last !== CONT) out[out.length - 1] = { ch: last.ch + g, sgr: last.sgr };
        continue;
      }
      out.push({ ch: g, sgr });
      if (w === 2) out.push(CONT);
    }
    text = '';
  };
  while (i < line.length) {
    if (line.charCodeAt(i) === 0x1b) {
      SGR.lastIndex = i;
      const m = SGR.exec(line);
      if (m) {
        flush();
        const params = m[1]!;
        sgr = params === '' || params === '0' ? '' : sgr + m[0];
        i = SGR.lastIndex;
        continue;
      }
    }
    text += line[i];
    i++;
  }
  flush();
  return out;
}

function cellsOf(lines: readonly string[]): Cell[][] {
  let c = parsed.get(lines);
  if (!c) {
    c = lines.map(lineCells);
    parsed.set(lines, c);
  }
  return c;
}

export class Screen {
  private readonly grid: Cell[][];

  constructor(
    readonly cols: number,
    readonly rows: number,
  ) {
    this.grid = Array.from({ length: rows }, () => new Array<Cell>(cols).fill(BLANK));
  }

  /** Draw lines with their top-left at (x, y), clipped to the screen and to `width` columns. */
  paint(x: number, y: number, lines: readonly string[], width = Infinity) {
    const cells = cellsOf(lines);
    for (let r = 0; r < cells.length; r++) {
      const sy = y + r;
      if (sy < 0 || sy >= this.rows) continue;
      const row = this.grid[sy]!;
      const src = cells[r]!;
      const n = Math.min(src.length, width);
      if (n > 0 && x >= 1 && x < this.cols && row[x] === CONT) row[x - 1] = BLANK;
      for (let cx = 0; cx < n; cx++) {
        const sx = x + cx;
        if (sx < 0 || sx >= this.cols) continue;
        const cell = src[cx]!;
        // A wide character cut in half by this layer's edge becomes a space.
        if (cell === CONT && cx === 0) row[sx] = BLANK;
        else if (cell !== CONT && src[cx + 1] === CONT && (cx + 1 >= n || sx + 1 >= this.cols)) row[sx] = { ch: ' ', sgr: cell.sgr };
        else row[sx] = cell;
      }
      // What this layer covered of a wide character below it is gone: blank its other half.
      const after = x + n;
      if (after >= 0 && after < this.cols && row[after] === CONT) row[after] = BLANK;
    }
  }

  /** The screen as styled lines, one SGR span per run of equal style. */
  lines(): string[] {
    return this.grid.map((row) => {
      let out = '';
      let sgr = '';
      for (const cell of row) {
        if (cell === CONT) continue;
        if (cell.sgr !== sgr) {
          out += (sgr ? '\x1b[0m' : '') + cell.sgr;
          sgr = cell.sgr;
        }
        out += cell.ch;
      }
      return sgr ? out + '\x1b[0m' : out;
    });
  }
}
