import xterm from '@xterm/headless';
import type { Terminal as TerminalType } from '@xterm/headless';
import type { KeyEvent, MouseEvent } from '../input/events.js';
import { ENCODING_MODES, mouseReport, type MouseEncoding } from './mouse-report.js';
import { screenLines } from './screen-lines.js';

const { Terminal } = xterm;

/** How a terminal window reaches its pty: the kernel's pty syscalls, as the window's app process. */
export interface PtyPort {
  spawn(cols: number, rows: number): Promise<number>;
  write(pid: number, data: string): Promise<unknown>;
  resize(pid: number, cols: number, rows: number): Promise<unknown>;
  /** Output since the last read, waiting for some; `exited` once the program ended. */
  read(pid: number): Promise<{ data: string; exited: boolean; exit_code: number | null }>;
  close(pid: number): Promise<unknown>;
  /** Live output of a pty someone else started (an app's terminal tools), without taking it from them. */
  attach?(pid: number, onData: (data: string) => void): () => void;
  /** The exit status once the program ended, else undefined. */
  exitStatus?(pid: number): { code: number | null } | undefined;
}

export type TerminalStatus = { kind: 'starting' } | { kind: 'running'; pid: number } | { kind: 'exited'; code: number | null } | { kind: 'failed'; message: string };

/** Redraws at most this often, however fast the program prints. */
const FRAME_MS = 33;
export const SCROLLBACK = 5000;

/** Arrow keys in application cursor mode (vim, less) are sent as SS3, as a real terminal does. */
const APP_CURSOR: Record<string, string> = { up: 'A', down: 'B', right: 'C', left: 'D', home: 'H', end: 'F' };

/**
 * One shell in a pty, parsed by @xterm/headless. Output is read from the kernel in a loop
 * (one `pty.read` returns everything printed since the last, so a fast program costs few
 * calls), written into the emulator, and announced to the view at most every FRAME_MS.
 */
export class TerminalSession {
  readonly term: TerminalType;
  status: TerminalStatus = { kind: 'starting' };
  /** Grows when what the window shows changes. */
  version = 0;
  /** Lines scrolled up into the scrollback (0: following the output). */
  scrollback = 0;
  /** How the program wants mouse reports spelled (DECSET 1005, 1006, 1015). */
  mouseEncoding: MouseEncoding = 'default';
  private listeners = new Set<() => void>();
  private timer?: NodeJS.Timeout;
  private disposed = false;
  private pending = Promise.resolve();
  /** Set when attached to a pty this session did not start: it is not ours to close. */
  private detach?: () => void;
  private exitPoll?: NodeJS.Timeout;

  constructor(private readonly port: PtyPort, public cols: number, public rows: number) {
    this.term = new Terminal({ cols, rows, scrollback: SCROLLBACK, allowProposedApi: true });
    // Replies to the program's terminal queries (cursor position, device attributes).
    this.term.onData((d) => this.send(d));
    // xterm follows the mouse tracking mode (term.modes) but keeps the encoding to itself:
    // it is followed here from the same sequences, which xterm then handles as usual (false).
    const encoding = (on: boolean) => (params: (number | number[])[]) => {
      for (const p of params) {
        const e = typeof p === 'number' ? ENCODING_MODES[p] : undefined;
        if (e && on) this.mouseEncoding = e;
        else if (e && this.mouseEncoding === e) this.mouseEncoding = 'default';
      }
      return false;
    };
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, encoding(true));
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, encoding(false));
    this.term.parser.registerEscHandler({ final: 'c' }, () => ((this.mouseEncoding = 'default'), false));
  }

  async start(): Promise<void> {
    try {
      const pid = await this.port.spawn(this.cols, this.rows);
      this.status = { kind: 'running', pid };
      this.changed();
      void this.pump(pid);
    } catch (e) {
      this.status = { kind: 'failed', message: (e as Error).message };
      this.changed();
    }
  }

  /**
   * Draw a pty an app started (the terminal app's `terminal.open` keeps its pid in state
   * `pty`): output comes from the kernel's live listener, so the app's own reads still work.
   * `printed` is its output from before, when someone kept it.
   */
  attach(pid: number, printed = '') {
    if (!this.port.attach) return void this.start();
    this.status = { kind: 'running', pid };
    // What the program printed before this view attached (kept by the caller meanwhile).
    if (printed) this.term.write(printed, () => this.changed());
    this.detach = this.port.attach(pid, (data) => {
      this.term.write(data, () => this.changed());
    });
    void this.port.resize(pid, this.cols, this.rows).catch(() => undefined);
    this.exitPoll = setInterval(() => {
      const exit = this.port.exitStatus?.(pid);
      if (exit) {
        clearInterval(this.exitPoll);
        this.status = { kind: 'exited', code: exit.code };
        this.changed(true);
      }
    }, 500);
    this.exitPoll.unref?.();
    this.changed();
  }

  private async pump(pid: number) {
    while (!this.disposed) {
      let r: Awaited<ReturnType<PtyPort['read']>>;
      try {
        r = await this.port.read(pid);
      } catch (e) {
        if (!this.disposed) this.status = { kind: 'failed', message: (e as Error).message };
        this.changed();
        return;
      }
      if (r.data) await new Promise<void>((resolve) => this.term.write(r.data, resolve));
      if (r.data) {
        if (this.scrollback) this.scrollback = Math.min(this.scrollback, this.term.buffer.active.baseY);
        this.changed();
      }
      if (r.exited) {
        this.status = { kind: 'exited', code: r.exit_code };
        this.changed(true);
        return;
      }
    }
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(now = false) {
    this.version++;
    if (now) {
      clearTimeout(this.timer);
      this.timer = undefined;
      for (const l of this.listeners) l();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      for (const l of this.listeners) l();
    }, FRAME_MS);
  }

  /** Bytes to the program, in order (writes are chained so fast typing keeps its order). */
  send(data: string) {
    if (this.status.kind !== 'running' || !data) return;
    const pid = this.status.pid;
    this.pending = this.pending.then(() => this.port.write(pid, data).then(() => undefined, () => undefined));
  }

  /** A key as the bytes a terminal sends for it. */
  key(e: KeyEvent) {
    if (this.scrollback) {
      this.scrollback = 0;
      this.changed(true);
    }
    const app = APP_CURSOR[e.name];
    if (app && !e.ctrl && !e.alt && !e.shift && this.term.modes.applicationCursorKeysMode) return this.send(`\x1bO${app}`);
    this.send(e.raw);
  }

  /** Whether the program asked for mouse reports (vim, htop, mc, less with --mouse). */
  get wantsMouse(): boolean {
    return this.term.modes.mouseTrackingMode !== 'none';
  }

  /** A mouse event at cell (x, y) of this terminal (zero-based, kept inside it) to the program, as it asked. */
  mouse(e: MouseEvent, x: number, y: number) {
    const cx = Math.max(0, Math.min(this.cols - 1, x)) + 1;
    const cy = Math.max(0, Math.min(this.rows - 1, y)) + 1;
    const report = mouseReport(e, cx, cy, this.term.modes.mouseTrackingMode, this.mouseEncoding);
    if (!report) return;
    // The program's coordinates are of its screen: show it, as a key does.
    if (this.scrollback) {
      this.scrollback = 0;
      this.changed(true);
    }
    this.send(report);
  }

  paste(text: string) {
    this.send(this.term.modes.bracketedPasteMode ? `\x1b[200~${text}\x1b[201~` : text);
  }

  resize(cols: number, rows: number) {
    if (cols === this.cols && rows === this.rows) return;
    this.cols = Math.max(2, cols);
    this.rows = Math.max(2, rows);
    this.term.resize(this.cols, this.rows);
    if (this.status.kind === 'running') void this.port.resize(this.status.pid, this.cols, this.rows).catch(() => undefined);
    this.changed(true);
  }

  /** Scroll the view into the scrollback (positive: up). */
  scroll(lines: number) {
    const max = this.term.buffer.active.baseY;
    const next = Math.max(0, Math.min(max, this.scrollback + lines));
    if (next !== this.scrollback) {
      this.scrollback = next;
      this.changed(true);
    }
  }

  /** What the window shows now: `rows` lines of `cols` cells. */
  lines(focused: boolean): string[] {
    const buf = this.term.buffer.active;
    const top = Math.max(0, buf.viewportY - this.scrollback);
    const showCursor = focused && this.scrollback === 0 && this.status.kind === 'running';
    return screenLines(this.term, top, this.rows, this.cols, showCursor ? { x: buf.cursorX, y: buf.cursorY } : undefined);
  }

  /** The plain text on screen (tests, and copying). */
  text(): string {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < this.rows; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return out.join('\n');
  }

  async dispose() {
    this.disposed = true;
    clearTimeout(this.timer);
    clearInterval(this.exitPoll);
    this.listeners.clear();
    if (this.detach) this.detach();
    else if (this.status.kind === 'running') await this.port.close(this.status.pid).catch(() => undefined);
    this.term.dispose();
  }
}
