import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { BIN } from './cli.js';

/**
 * The built binary in a real terminal: a tmux session (120×40 unless given a size) running `agentos ARGS` with
 * CI=0 (Ink draws nothing under CI=true), an AGENTOS_HOME and SHELL=/bin/sh (a user's bash
 * rc may hang); keys and SGR mouse reports go in with send-keys, the screen comes back with
 * capture-pane. Every wait polls with a deadline; keys go one at a time with a pause, as a
 * person types. The pane outlives the program and says how it ended, so a crash shows.
 */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TmuxRun {
  readonly name: string;
  screen(): string;
  /** Wait until the screen passes `test`; the error shows the screen. */
  until(test: RegExp | ((s: string) => boolean), what: string, ms?: number): Promise<string>;
  /** Keys by tmux name (C-k, Enter) or literal text, each followed by a pause. */
  keys(...list: (string | { text: string })[]): Promise<void>;
  /** An SGR mouse press and release at a zero-based cell. */
  click(x: number, y: number): Promise<void>;
  kill(): void;
}

export interface TmuxOptions {
  home: string;
  /** More environment, as NAME=value. */
  env?: string[];
  /** A shell command run before agentos in the pane (e.g. a marker to see the screen restored). */
  before?: string;
  /** The terminal's size in cells; 120×40 when not given. */
  size?: { cols: number; rows: number };
}

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });

export function startInTmux(name: string, args: string[], opts: TmuxOptions): TmuxRun {
  spawnSync('tmux', ['kill-session', '-t', name]);
  const env = [`AGENTOS_HOME=${opts.home}`, 'CI=0', 'SHELL=/bin/sh', 'TERM=xterm-256color', `PATH=${process.env.PATH}`, `HOME=${process.env.HOME}`, ...(opts.env ?? [])];
  const quote = (s: string) => `'${s}'`;
  const cmd = `${opts.before ? `${opts.before}; ` : ''}env ${env.map(quote).join(' ')} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')} 2>${quote(path.join(opts.home, 'stderr.txt'))}; echo "AGENTOS-EXITED $?"; sleep 600`;
  const { cols, rows } = opts.size ?? { cols: 120, rows: 40 };
  tmux('new-session', '-d', '-s', name, '-x', String(cols), '-y', String(rows), cmd);
  const run: TmuxRun = {
    name,
    screen: () => tmux('capture-pane', '-p', '-t', name),
    async until(test, what, ms = 30_000) {
      const end = Date.now() + ms;
      for (;;) {
        const s = run.screen();
        if (typeof test === 'function' ? test(s) : test.test(s)) return s;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the screen:\n${s}`);
        await sleep(150);
      }
    },
    async keys(...list) {
      for (const k of list) {
        if (typeof k === 'string') tmux('send-keys', '-t', name, k);
        else tmux('send-keys', '-t', name, '-l', k.text);
        await sleep(120);
      }
    },
    click: (x, y) => run.keys({ text: `\x1b[<0;${x + 1};${y + 1}M` }, { text: `\x1b[<0;${x + 1};${y + 1}m` }),
    kill: () => void spawnSync('tmux', ['kill-session', '-t', name]),
  };
  return run;
}

/** The calculator's display line: its input field drawn as ▏value▕. */
export const calculatorDisplay = (s: string) => /▏\s*(\S+)/.exec(s.split('\n').find((l) => l.includes('▏')) ?? '')?.[1];
