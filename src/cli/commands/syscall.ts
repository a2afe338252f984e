import { argsOf, capsOf } from '../../kernel/introspect.js';
import { KernelError } from '../../kernel/errors.js';
import type { SyscallDef } from '../../kernel/syscall.js';
import { SYSCALLS } from '../../kernel/syscalls/index.js';
import { openKernel } from '../boot.js';
import { UsageError } from '../errors.js';
import { outFor, print, table } from '../output.js';
import { parseCliArgs } from '../syscall-args.js';
import { didYouMean } from '../../util/suggest.js';

interface Opts {
  json?: boolean;
  list?: boolean;
  args?: string;
  local?: boolean;
}

export default async function syscall(name: string | undefined, words: string[], opts: Opts): Promise<number> {
  // The table is code, the same in every kernel: listing and parsing need no kernel at all.
  const defs = new Map(SYSCALLS.map((d) => [d.name, d as SyscallDef]));
  const out = outFor(opts);
  if (opts.list) {
    const rows = [...defs.values()].map((d) => ({
      name: d.name,
      args: argsOf(d),
      caps: capsOf(d),
      doc: d.doc,
      returns: d.returns ?? '',
    }));
    if (out.json) print(rows, out);
    else {
      const text = table(
        rows.map((r) => ({ syscall: r.name, args: r.args.map((a) => (a.required ? a.name : `[${a.name}]`)).join(' '), capability: r.caps.join(',') || '-', meaning: r.doc })),
      );
      process.stdout.write(`${text}\n${rows.length} syscalls\n`);
    }
    return 0;
  }
  if (!name) throw new UsageError('which syscall? e.g. `agentos syscall time.now`, or `agentos syscall --list`');
  const def = defs.get(name);
  if (!def) throw new KernelError('ENOSYS', `unknown syscall "${name}"${didYouMean(name, defs.keys())}; see \`agentos syscall --list\``, name);
  const args = parseCliArgs(def, words, opts.args);
  const kernel = await openKernel({ local: opts.local });
  try {
    print(await kernel.syscall(name, args), out);
  } finally {
    await kernel.close();
  }
  return 0;
}
