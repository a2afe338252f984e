import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, agentos } from '../helpers/cli.js';
import { onCleanup, tempDir } from '../helpers/kernel.js';

const env = () => ({ AGENTOS_HOME: tempDir() });

/** `agentos serve --no-web` in the background, ready when it says it listens. */
async function serve(e: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, 'serve', '--no-web'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', CI: 'true', ...e },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  for (let i = 0; i < 300 && !err.includes('listening on'); i++) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(err).toContain('listening on');
  return child;
}

describe('agentos ps and kill', () => {
  it('prints the process table as a table and as JSON', () => {
    const e = env();
    const r = agentos(['ps'], e);
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header!.split(/\s+/)).toEqual(['PID', 'PPID', 'KIND', 'STATE', 'PRIO', 'MEM', 'CMD']);
    expect(rows.some((l) => /^1\s+0\s+kernel\s+running\s+5\s+-\s+init$/.test(l))).toBe(true);
    expect(rows.some((l) => /^2\s+1\s+user\s+running/.test(l))).toBe(true);
    const json = JSON.parse(agentos(['ps', '--json'], e).stdout);
    expect(json.map((p: { kind: string }) => p.kind)).toEqual(['kernel', 'user']);
  });

  it('refuses to kill the kernel, names missing processes, checks its arguments', () => {
    const e = env();
    expect(agentos(['kill', '1'], e)).toMatchObject({ code: 1, stderr: expect.stringMatching(/proc\.kill: EPERM: process 1 \(init\) belongs to the kernel/) });
    expect(agentos(['kill', '999'], e)).toMatchObject({ code: 1, stderr: expect.stringMatching(/ESRCH: process 999 does not exist/) });
    expect(agentos(['kill', 'abc'], e)).toMatchObject({ code: 2, stderr: expect.stringMatching(/not a process id/) });
    expect(agentos(['kill', '2', '--signal', 'BOGUS'], e)).toMatchObject({ code: 1, stderr: expect.stringMatching(/EINVAL.*unknown signal/) });
  });

  it('runs a program through proc.spawn with its arguments taken literally', () => {
    const e = env();
    const r = agentos(['syscall', 'proc.spawn', 'printf', '["%s\\n","$(id)",";","|"]', '--json'], e);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ exit_code: 0, stdout: '$(id)\n;\n|\n' });
  });

  it('shows and kills the live kernel\'s OS children', async () => {
    const e = env();
    const server = await serve(e);
    const started = agentos(['syscall', 'proc.spawn', 'sleep', '["30"]', 'background=true', '--json'], e);
    expect(started.code).toBe(0);
    const { pid, os_pid } = JSON.parse(started.stdout);
    const table = agentos(['ps', '--kind', 'os'], e).stdout;
    expect(table).toMatch(new RegExp(`^${pid}\\s+2\\s+os\\s+running\\s+5\\s+\\S+.*\\s/\\S*sleep 30$`, 'm'));
    const killed = agentos(['kill', String(pid), '--json'], e);
    expect(killed.code).toBe(0);
    expect(JSON.parse(killed.stdout)).toMatchObject({ pid, signal: 'TERM', exited: true });
    expect(() => process.kill(os_pid, 0)).toThrow();
    server.kill('SIGTERM');
  });
});
