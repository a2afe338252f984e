import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import path from 'node:path';

export const BIN = path.resolve('bin/agentos.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built binary as a user would, with its own data and config dirs. */
export function agentos(args: string[], env: Record<string, string>, opts: SpawnSyncOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    ...opts,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
  });
  return { code: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
