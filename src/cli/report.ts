import { formatError } from '../kernel/errors.js';
import { ExitError, UsageError } from './errors.js';

/** Commander's own errors, recognised without loading commander. */
interface CommanderLike {
  code: string;
  message: string;
}
const isCommanderError = (e: unknown): e is CommanderLike => {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === 'string' && code.startsWith('commander.');
};

/** Every failure becomes one line on stderr and an exit code; stacks only with AGENTOS_DEBUG. */
export function report(err: unknown): number {
  if (isCommanderError(err)) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    const msg = err.message.replace(/^error: /, '');
    process.stderr.write(`agentos: ${msg}${/unknown command|unknown option|missing required|too many/.test(msg) ? ' (see agentos --help)' : ''}\n`);
    return 2;
  }
  if (process.env.AGENTOS_DEBUG === '1' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  if (err instanceof UsageError) {
    process.stderr.write(`agentos: ${err.message}\n`);
    return 2;
  }
  if (err instanceof ExitError) {
    if (err.message) process.stderr.write(`agentos: ${err.message}\n`);
    return err.exitCode;
  }
  process.stderr.write(formatError(err) + '\n');
  return 1;
}
