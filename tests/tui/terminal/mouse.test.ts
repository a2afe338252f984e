import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MouseEvent } from '../../../src/tui/input/events.js';
import { mouseReport } from '../../../src/tui/terminal/mouse-report.js';
import { TerminalSession, type PtyPort } from '../../../src/tui/terminal/session.js';
import { kernelPtyPort } from '../../../src/tui/terminal/kernel-port.js';
import { tempDir } from '../../helpers/kernel.js';
import { click, desktop, find, type Harness } from '../desktop/harness.js';

const ev = (action: MouseEvent['action'], more: Partial<MouseEvent> = {}): MouseEvent => ({ type: 'mouse', action, button: 'left', x: 0, y: 0, raw: '', shift: false, alt: false, ctrl: false, ...more });

describe('mouse reports for a program in a terminal', () => {
  it('reports what the tracking mode asks for, spelled in the encoding asked for', () => {
    expect(mouseReport(ev('down'), 3, 2, 'vt200', 'sgr')).toBe('\x1b[<0;3;2M');
    expect(mouseReport(ev('up', { button: 'right' }), 3, 2, 'vt200', 'sgr')).toBe('\x1b[<2;3;2m');
    expect(mouseReport(ev('wheel', { button: 'none', wheel: 'down' }), 3, 2, 'vt200', 'sgr')).toBe('\x1b[<65;3;2M');
    expect(mouseReport(ev('down', { ctrl: true, shift: true }), 1, 1, 'vt200', 'sgr')).toBe('\x1b[<20;1;1M');
    // Drags only from mode 1002 on, moves only with 1003; X10 mode: presses, no modifiers.
    expect(mouseReport(ev('drag'), 5, 5, 'vt200', 'sgr')).toBeNull();
    expect(mouseReport(ev('drag'), 5, 5, 'drag', 'sgr')).toBe('\x1b[<32;5;5M');
    expect(mouseReport(ev('move', { button: 'none' }), 5, 5, 'drag', 'sgr')).toBeNull();
    expect(mouseReport(ev('move', { button: 'none' }), 5, 5, 'any', 'sgr')).toBe('\x1b[<35;5;5M');
    expect(mouseReport(ev('up'), 5, 5, 'x10', 'default')).toBeNull();
    expect(mouseReport(ev('down', { ctrl: true }), 5, 5, 'x10', 'default')).toBe('\x1b[M %%');
    expect(mouseReport(ev('down'), 5, 5, 'none', 'sgr')).toBeNull();
    // X10 bytes and urxvt say "a button" on release.
    expect(mouseReport(ev('up'), 1, 2, 'vt200', 'default')).toBe('\x1b[M#!"');
    expect(mouseReport(ev('up'), 1, 2, 'vt200', 'urxvt')).toBe('\x1b[35;1;2M');
    // A column X10 bytes cannot carry as text is not reported at all.
    expect(mouseReport(ev('down'), 100, 2, 'vt200', 'default')).toBeNull();
    expect(mouseReport(ev('down'), 100, 2, 'vt200', 'utf8')).toBe(`\x1b[M ${String.fromCharCode(132)}"`);
  });

  it('follows the encoding the program sets and resets', async () => {
    const sent: string[] = [];
    let printed = '';
    let wake: (() => void) | undefined;
    const port: PtyPort = {
      spawn: async () => 1,
      write: async (_p, d) => sent.push(d),
      resize: async () => undefined,
      close: async () => undefined,
      async read() {
        while (!printed) await new Promise<void>((r) => (wake = r));
        const data = printed;
        printed = '';
        return { data, exited: false, exit_code: null };
      },
    };
    const print = async (s: string) => {
      printed += s;
      wake?.();
      await new Promise((r) => setTimeout(r, 50));
    };
    const t = new TerminalSession(port, 20, 5);
    await t.start();
    expect(t.wantsMouse).toBe(false);
    await print('\x1b[?1002h\x1b[?1015h');
    expect(t.wantsMouse).toBe(true);
    t.mouse(ev('drag'), 4, 1);
    await print('\x1b[?1015l\x1b[?1006h');
    t.mouse(ev('down'), 40, 40); // kept inside the terminal
    await print('\x1bc'); // a full reset: no mouse, default encoding
    expect(t.wantsMouse).toBe(false);
    expect(t.mouseEncoding).toBe('default');
    t.mouse(ev('down'), 1, 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toEqual(['\x1b[64;5;2M', '\x1b[<0;20;5M']);
    await t.dispose();
  });
});

/** A program that turns on mouse reporting (1000 + SGR 1006) and prints what it reads, in hex. */
const PROGRAM = `
process.stdin.setRawMode(true);
process.stdout.write('\\x1b[?1000h\\x1b[?1006hREADY\\r\\n');
process.stdin.on('data', (d) => {
  if (d.toString() === 'o') return process.stdout.write('\\x1b[?1000lOFF\\r\\n');
  process.stdout.write('got ' + d.toString('hex') + '\\r\\n');
});
`;

const hex = (s: string) => Buffer.from(s).toString('hex');

describe('a terminal window whose program wants the mouse', () => {
  it('gets clicks and the wheel in its own coordinates, through a real pty; the desktop gets them back when it lets go', async () => {
    const script = path.join(tempDir(), 'mouse.cjs');
    writeFileSync(script, PROGRAM);
    // The window's pty runs the program instead of a shell.
    let h: Harness | undefined = undefined;
    h = await desktop([], {
      ptyPort: (pid) => ({
        ...kernelPtyPort(h!.rt.kernel, pid),
        spawn: async (cols, rows) => (await h!.rt.kernel.syscall<{ pid: number }>(pid, 'pty.spawn', { command: process.execPath, args: [script], cols, rows })).pid,
      }),
    });
    await h.ctl.openTerminal();
    await h.until('READY', 20_000);
    const at = find(h.screen(), 'READY');
    const y = at.y;
    // READY is the first line of the content: window-relative row 1, and column 3 two cells in.
    h.type(click(at.x + 2, y));
    await h.until(hex('\x1b[<0;3;1M'), 10_000);
    await h.until(hex('\x1b[<0;3;1m'), 10_000);
    h.type(`\x1b[<65;${at.x + 5};${y + 2}M`); // wheel down, one row lower
    await h.until(hex('\x1b[<65;5;2M'), 10_000);
    const id = h.rt.getSnapshot().focused!;
    const term = h.ctl.terminals.get(id)!;
    expect(term.wantsMouse).toBe(true);
    // The frame is still the desktop's: a press on the title bar starts a move, nothing is sent.
    const title = find(h.screen(), '╭');
    h.type(`\x1b[<0;${title.x + 4};${title.y + 1}M`);
    expect(h.ctl.ui.drag?.kind).toBe('move');
    h.type(`\x1b[<0;${title.x + 4};${title.y + 1}m`);
    // Mouse off: a click is the desktop's again and sends nothing.
    h.type('o');
    await h.until('OFF', 10_000);
    await h.until(() => !term.wantsMouse);
    const before = h.screen().split('got ').length;
    h.type(click(at.x + 2, y));
    h.type('k');
    await h.until(hex('k'), 10_000);
    expect(h.screen().split('got ').length).toBe(before + 1);
  }, 40_000);
});
