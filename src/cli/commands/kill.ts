import { openKernel } from '../boot.js';
import { UsageError } from '../errors.js';
import { outFor, print } from '../output.js';

interface Opts {
  json?: boolean;
  signal?: string;
  local?: boolean;
}

interface KillResult {
  pid: number;
  signal: string;
  exited: boolean;
  exit_code: number | null;
  outcome?: string;
}

/** `agentos kill PID [--signal S]`: proc.kill as the user process (so the same permission check). */
export default async function kill(pidWord: string, opts: Opts): Promise<number> {
  const pid = Number(pidWord);
  if (!/^\d+$/.test(pidWord) || !Number.isSafeInteger(pid) || pid < 1) throw new UsageError(`"${pidWord}" is not a process id; see \`agentos ps\``);
  const out = outFor(opts);
  const kernel = await openKernel({ local: opts.local });
  try {
    const r = await kernel.syscall<KillResult>('proc.kill', { pid, signal: opts.signal ?? 'TERM' });
    if (out.json) print(r, out);
    else if (r.exited) process.stdout.write(`process ${r.pid} ended (${r.signal}${r.exit_code !== null ? `, exit ${r.exit_code}` : ''})\n`);
    else process.stdout.write(`sent ${r.signal} to process ${r.pid}${r.outcome ? ` (${r.outcome})` : ''}\n`);
    return 0;
  } finally {
    await kernel.close();
  }
}
