import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './cli.js';
import { onCleanup } from './kernel.js';

export interface Served {
  child: ChildProcess;
  stderr: () => string;
  /** The printed login URL (with ?token=). */
  url: string;
  base: string;
  token: string;
  exited: Promise<number | null>;
  /** Kill it now (SIGKILL) unless it already exited. */
  stop: () => void;
}

/**
 * `agentos serve` as a child (no TTY, CI=true), once it printed its URL. The caller stops it:
 * for a server shared by a file's tests (started in beforeAll, stopped in afterAll).
 */
export async function startServe(args: string[], env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', CI: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  for (let i = 0; i < 400 && !err.includes('listening on'); i++) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = /web view at (http:\/\/\S+\/\?token=(\S+))/.exec(err);
  const url = m?.[1] ?? '';
  return { child, stderr: () => err, url, base: url.replace(/\/\?token=.*$/, ''), token: m ? decodeURIComponent(m[2]!) : '', exited, stop };
}

/** `startServe`, stopped after the test that started it. */
export async function serve(args: string[], env: Record<string, string>): Promise<Served> {
  const s = await startServe(args, env);
  onCleanup(s.stop);
  return s;
}
