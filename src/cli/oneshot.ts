import { fastPathOf } from './fast-args.js';
import { report } from './report.js';
import { SYSCALL_COMMAND } from './syscall-command.js';

/**
 * `agentos syscall …` as one CommonJS file (dist/oneshot.cjs) that bin/agentos.js
 * compiles with V8's code cache: a one-shot command then skips parsing zod and the kernel
 * and resolving a graph of ES modules, most of its start-up time. Returns undefined for
 * what it does not handle (help, unknown flags), which bin/agentos.js sends to the full CLI.
 */
export async function run(argv: string[]): Promise<number | undefined> {
  const fast = argv[0] === 'syscall' ? fastPathOf(SYSCALL_COMMAND, argv) : undefined;
  if (!fast) return undefined;
  // Last-resort handlers, as in entry.ts: one line, never a stack (unless AGENTOS_DEBUG=1).
  process.on('unhandledRejection', (err) => {
    process.exitCode = report(err);
  });
  process.on('uncaughtException', (err) => process.exit(report(err)));
  try {
    const code = await fast();
    return typeof code === 'number' ? code : 0;
  } catch (err) {
    return report(err);
  }
}
