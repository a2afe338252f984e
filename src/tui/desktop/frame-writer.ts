import { EventEmitter } from 'node:events';

/** What Ink writes around a frame: erase-line, cursor-up/column, clear-screen, cursor and sync modes. */
// eslint-disable-next-line no-control-regex
const INK_CONTROL = /\x1b\[\?2026[hl]|\x1b\[\?25[hl]|\x1b\[2K|\x1b\[\d*A|\x1b\[G|\x1b\[2J|\x1b\[3J|\x1b\[H|\x1bc/g;
const BSU = '\x1b[?2026h';
const ESU = '\x1b[?2026l';

/**
 * A stdout for Ink that repaints only the rows that changed. Ink's own incremental mode
 * miscounts by one row on a full-height frame (it scrolls the screen), and its plain mode
 * rewrites every row on every frame (~10 KB at 120×40). We are in the alternate screen, so
 * absolute cursor addressing is safe: each frame is compared with the last row by row and
 * only changed rows are written, inside one synchronized update.
 */
export class FrameWriter extends EventEmitter {
  private previous: string[] = [];
  /** Bytes written to the terminal (for the benchmarks). */
  bytes = 0;

  constructor(private readonly out: NodeJS.WriteStream) {
    super();
    out.on('resize', this.onResize);
  }

  get columns() {
    return this.out.columns || 80;
  }

  get rows() {
    return this.out.rows || 24;
  }

  get isTTY() {
    return true;
  }

  private onResize = () => {
    this.previous = [];
    this.raw('\x1b[H\x1b[2J');
    this.emit('resize');
  };

  write = (data: string | Uint8Array, cb?: (() => void) | BufferEncoding, cb2?: () => void): boolean => {
    const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
    const frame = text.replace(INK_CONTROL, '');
    if (frame.length) this.paint(frame.endsWith('\n') ? frame.slice(0, -1).split('\n') : frame.split('\n'));
    const done = typeof cb === 'function' ? cb : cb2;
    done?.();
    return true;
  };

  /** Show these rows (each exactly as wide as the screen): only the changed ones are written. */
  paint(lines: string[]) {
    const rows = Math.min(lines.length, this.rows);
    let out = '';
    for (let y = 0; y < rows; y++) {
      if (lines[y] !== this.previous[y]) out += `\x1b[${y + 1};1H${lines[y]}\x1b[0m\x1b[K`;
    }
    for (let y = rows; y < this.previous.length && y < this.rows; y++) out += `\x1b[${y + 1};1H\x1b[K`;
    this.previous = lines.slice(0, rows);
    if (out) this.raw(BSU + out + ESU);
  }

  private raw(s: string) {
    this.bytes += Buffer.byteLength(s);
    this.out.write(s);
  }

  /** Forget what is on screen (after something else drew there): the next frame repaints all. */
  invalidate() {
    this.previous = [];
  }

  dispose() {
    this.out.off('resize', this.onResize);
  }
}
