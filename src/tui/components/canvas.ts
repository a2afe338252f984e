import { block, frame } from '../render/block.js';
import { paint, type Color } from '../render/style.js';
import type { Renderer } from './types.js';
import { bool, num, str } from './util.js';

/**
 * Canvas drawing commands, in the canvas's own pixel space (props.width × props.height,
 * default 300×150):
 *   {op:'line', x1, y1, x2, y2, color?}   {op:'rect', x, y, w, h, fill?, color?}
 *   {op:'circle', x, y, r, fill?, color?} {op:'point', x, y, color?}   {op:'text', x, y, text, color?}
 * Drawn in braille cells: each cell holds 2×4 dots, so a 40-column canvas is 80 dots wide.
 */
export type CanvasCommand = Record<string, unknown> & { op: string };

const DOT = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
];

export class BrailleGrid {
  readonly dots: Uint8Array;
  readonly colors: (Color | undefined)[];
  readonly text: (string | undefined)[];
  constructor(readonly cols: number, readonly rows: number) {
    this.dots = new Uint8Array(cols * rows);
    this.colors = new Array(cols * rows);
    this.text = new Array(cols * rows);
  }
  get width() {
    return this.cols * 2;
  }
  get height() {
    return this.rows * 4;
  }
  set(x: number, y: number, color?: Color) {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= this.width || yi >= this.height) return;
    const cell = (yi >> 2) * this.cols + (xi >> 1);
    this.dots[cell]! |= DOT[yi & 3]![xi & 1]!;
    if (color !== undefined) this.colors[cell] = color;
  }
  line(x1: number, y1: number, x2: number, y2: number, color?: Color) {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x2 - x1), Math.abs(y2 - y1))));
    for (let i = 0; i <= steps; i++) this.set(x1 + ((x2 - x1) * i) / steps, y1 + ((y2 - y1) * i) / steps, color);
  }
  rect(x: number, y: number, w: number, h: number, fill: boolean, color?: Color) {
    if (fill) {
      for (let yy = y; yy <= y + h; yy++) this.line(x, yy, x + w, yy, color);
      return;
    }
    this.line(x, y, x + w, y, color);
    this.line(x, y + h, x + w, y + h, color);
    this.line(x, y, x, y + h, color);
    this.line(x + w, y, x + w, y + h, color);
  }
  circle(cx: number, cy: number, r: number, fill: boolean, color?: Color) {
    const steps = Math.max(8, Math.ceil(r * 8));
    for (let i = 0; i < steps; i++) {
      const a = (i / steps) * Math.PI * 2;
      if (fill) this.line(cx, cy, cx + r * Math.cos(a), cy + r * Math.sin(a), color);
      else this.set(cx + r * Math.cos(a), cy + r * Math.sin(a), color);
    }
  }
  label(x: number, y: number, s: string, color?: Color) {
    const col = Math.round(x) >> 1;
    const row = Math.round(y) >> 2;
    if (row < 0 || row >= this.rows) return;
    [...s].forEach((ch, i) => {
      const c = col + i;
      if (c < 0 || c >= this.cols) return;
      this.text[row * this.cols + c] = ch;
      if (color !== undefined) this.colors[row * this.cols + c] = color;
    });
  }
  lines(): string[] {
    const out: string[] = [];
    for (let r = 0; r < this.rows; r++) {
      let line = '';
      let run = '';
      let runColor: Color | undefined;
      const flush = () => {
        if (run) line += runColor === undefined ? run : paint(run, { fg: runColor });
        run = '';
      };
      for (let c = 0; c < this.cols; c++) {
        const i = r * this.cols + c;
        const ch = this.text[i] ?? (this.dots[i] ? String.fromCharCode(0x2800 + this.dots[i]!) : ' ');
        const color = this.colors[i];
        if (color !== runColor) {
          flush();
          runColor = color;
        }
        run += ch;
      }
      flush();
      out.push(line);
    }
    return out;
  }
}

const colorOf = (v: unknown): Color | undefined => (typeof v === 'string' && /^(#[0-9a-f]{3,6}|[a-z]+)$/i.test(v) ? v : typeof v === 'number' ? v : undefined);

/** Draw the commands scaled from canvas pixels to dots. Unknown ops are skipped. */
export function drawCommands(grid: BrailleGrid, commands: unknown[], w: number, h: number) {
  const sx = grid.width / w;
  const sy = grid.height / h;
  for (const raw of commands) {
    if (!raw || typeof raw !== 'object') continue;
    const c = raw as Record<string, unknown>;
    const color = colorOf(c.color ?? c.stroke ?? c.fill);
    const n = (k: string, d = 0) => num(c[k], d);
    switch (c.op ?? c.type) {
      case 'line':
        grid.line(n('x1') * sx, n('y1') * sy, n('x2') * sx, n('y2') * sy, color);
        break;
      case 'rect':
        grid.rect(n('x') * sx, n('y') * sy, n('w', n('width')) * sx, n('h', n('height')) * sy, bool(c.fill) || typeof c.fill === 'string', color);
        break;
      case 'circle':
        grid.circle(n('x', n('cx')) * sx, n('y', n('cy')) * sy, n('r', n('radius')) * Math.min(sx, sy), bool(c.fill) || typeof c.fill === 'string', color);
        break;
      case 'point':
        grid.set(n('x') * sx, n('y') * sy, color);
        break;
      case 'text':
        grid.label(n('x') * sx, n('y') * sy, str(c.text), color);
        break;
    }
  }
}

/** The drawing commands of `props.commands` in braille cells, framed when `bordered`. */
export const canvas: Renderer = {
  natural: ({ props }) => Math.max(8, Math.round(num(props.width, 300) / 8)),
  render({ props, ctx }) {
    const bordered = bool(props.bordered);
    const w = Math.max(1, num(props.width, 300));
    const h = Math.max(1, num(props.height, 150));
    const cols = Math.max(1, ctx.width - (bordered ? 2 : 0));
    const rows = Math.max(1, Math.min(ctx.viewport - (bordered ? 2 : 0), Math.round((cols * 2 * h) / w / 4)));
    const grid = new BrailleGrid(cols, rows);
    drawCommands(grid, Array.isArray(props.commands) ? props.commands : [], w, h);
    const b = block(cols, grid.lines());
    return bordered ? frame(b, { style: ctx.theme.border }) : b;
  },
};
