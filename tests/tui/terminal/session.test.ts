import { describe, expect, it } from 'vitest';
import { TerminalSession, type PtyPort } from '../../../src/tui/terminal/session.js';
import { kernelPtyPort } from '../../../src/tui/terminal/kernel-port.js';
import { plain, setColorDepth } from '../../../src/tui/render/style.js';
import { key } from '../../../src/tui/input/events.js';
import { testKernel } from '../../helpers/kernel.js';

setColorDepth('256');

/** A pty that prints what the test gives it and records what it is sent. */
function fakePort() {
  const sent: string[] = [];
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let exited: number | null | undefined;
  const port: PtyPort = {
    spawn: async () => 7,
    write: async (_pid, data) => sent.push(data),
    resize: async () => undefined,
    close: async () => undefined,
    async read() {
      while (!queue.length && exited === undefined) await new Promise<void>((r) => (wake = r));
      const data = queue.splice(0).join('');
      return { data, exited: exited !== undefined && !data, exit_code: exited ?? null };
    },
  };
  return {
    port,
    sent,
    print(s: string) {
      queue.push(s);
      wake?.();
    },
    exit(code: number) {
      exited = code;
      wake?.();
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 60));

describe('TerminalSession', () => {
  it('draws the emulator screen with colors and attributes', async () => {
    const f = fakePort();
    const t = new TerminalSession(f.port, 20, 4);
    await t.start();
    f.print('plain \x1b[1;31mbold red\x1b[0m\r\n\x1b[7minverse\x1b[0m');
    await settle();
    const lines = t.lines(false);
    expect(lines).toHaveLength(4);
    expect(plain(lines[0]!)).toBe('plain bold red      ');
    expect(lines[0]).toMatch(/\x1b\[1;31mbold red/);
    expect(lines[1]).toMatch(/\x1b\[7minverse/);
    await t.dispose();
  });

  it('keeps scrollback and scrolls into it, back to the bottom on a key', async () => {
    const f = fakePort();
    const t = new TerminalSession(f.port, 10, 3);
    await t.start();
    f.print(Array.from({ length: 10 }, (_, i) => `line${i}`).join('\r\n'));
    await settle();
    expect(plain(t.lines(false).join('\n'))).toContain('line9');
    t.scroll(5);
    expect(plain(t.lines(false).join('\n'))).toContain('line3');
    t.key(key('a', 'a', {}, 'a'));
    expect(t.scrollback).toBe(0);
  });

  it('sends keys as their bytes, arrows as SS3 in application cursor mode, paste bracketed when asked', async () => {
    const f = fakePort();
    const t = new TerminalSession(f.port, 10, 3);
    await t.start();
    t.key(key('c', '\x03', { ctrl: true }));
    t.key(key('up', '\x1b[A'));
    f.print('\x1b[?1h\x1b[?2004h');
    await settle();
    t.key(key('up', '\x1b[A'));
    t.paste('pasted');
    await settle();
    expect(f.sent).toEqual(['\x03', '\x1b[A', '\x1bOA', '\x1b[200~pasted\x1b[201~']);
  });

  it('shows the exit status when the program ends', async () => {
    const f = fakePort();
    const t = new TerminalSession(f.port, 10, 3);
    await t.start();
    f.exit(3);
    await settle();
    expect(t.status).toEqual({ kind: 'exited', code: 3 });
  });

  it('attached late to an app\'s pty, shows what it printed before, then what it prints', async () => {
    let live: ((d: string) => void) | undefined;
    const port: PtyPort = { ...fakePort().port, attach: (_pid, onData) => ((live = onData), () => (live = undefined)) };
    const t = new TerminalSession(port, 20, 3);
    t.attach(9, '$ ');
    live!('ls\r\n');
    await settle();
    expect(t.text().split('\n')[0]).toBe('$ ls');
    await t.dispose();
    expect(live).toBeUndefined();
  });

  it('says why when the pty cannot start (node-pty missing)', async () => {
    const t = new TerminalSession({ ...fakePort().port, spawn: async () => Promise.reject(new Error('terminals need the optional package node-pty')) }, 10, 3);
    await t.start();
    expect(t.status).toMatchObject({ kind: 'failed', message: expect.stringContaining('node-pty') });
  });

  it('runs a real shell through the kernel pty syscalls and follows a resize', async () => {
    const k = testKernel();
    const base = kernelPtyPort(k, k.userPid);
    const port: PtyPort = { ...base, spawn: async (cols, rows) => (await k.syscall<{ pid: number }>(k.userPid, 'pty.spawn', { command: '/bin/sh', cols, rows })).pid };
    const t = new TerminalSession(port, 40, 6);
    await t.start();
    t.send('echo agentos-$((6*7))\r');
    const end = Date.now() + 20_000;
    while (!t.text().includes('agentos-42') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(t.text()).toContain('agentos-42');
    t.resize(30, 5);
    t.send('stty size\r');
    while (!t.text().includes('5 30') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(t.text()).toContain('5 30');
    await t.dispose();
  }, 30_000);
});
