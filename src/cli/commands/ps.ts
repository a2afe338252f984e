import { formatBytes } from '../../kernel/mem/accountant.js';
import { stripControls } from '../../util/sanitize.js';
import { openKernel } from '../boot.js';
import { outFor, print, table } from '../output.js';

interface Opts {
  json?: boolean;
  kind?: string;
  local?: boolean;
}

interface Row {
  pid: number;
  ppid: number;
  kind: string;
  state: string;
  priority: number;
  memory_bytes: number;
  command: string;
}

/** `agentos ps`: the process table through proc.list, as the user process sees it. */
export default async function ps(opts: Opts): Promise<number> {
  const out = outFor(opts);
  const kernel = await openKernel({ local: opts.local });
  try {
    const rows = await kernel.syscall<Row[]>('proc.list', opts.kind ? { kind: opts.kind } : {});
    if (out.json) {
      print(rows, out);
      return 0;
    }
    const lines = rows.map((r) => ({
      pid: r.pid,
      ppid: r.ppid,
      kind: r.kind,
      state: r.state,
      prio: r.priority,
      mem: r.memory_bytes ? formatBytes(r.memory_bytes) : '-',
      // Commands come from apps and programs: never let them draw on the terminal.
      cmd: stripControls(r.command, false),
    }));
    process.stdout.write(`${table(lines, ['pid', 'ppid', 'kind', 'state', 'prio', 'mem', 'cmd'])}\n`);
    return 0;
  } finally {
    await kernel.close();
  }
}
