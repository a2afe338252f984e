import { Command, CommanderError } from 'commander';
import { KernelError, formatError } from '../kernel/errors.js';
import { COMMANDS, install } from './commands.js';
import { ExitError, UsageError } from './errors.js';
import { VERSION } from '../version.js';

const EXAMPLES = `
Examples:
  $ agentos shell                          the terminal desktop
  $ agentos syscall fs.write /home/a.txt hello
  $ agentos syscall fs.read /home/a.txt
  $ agentos syscall --list                 every syscall
  $ agentos config set provider template

Exit codes: 0 success, 1 kernel error, 2 usage error.
Set AGENTOS_DEBUG=1 to see stack traces.`;

export async function main(argv: string[]): Promise<number> {
  const program = new Command('agentos')
    .description('A terminal operating environment: an in-process microkernel, Blueprint apps, and a windowed desktop.')
    .version(VERSION, '-v, --version', 'print the version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: () => {} })
    .addHelpText('after', EXAMPLES);
  install(program, COMMANDS);
  for (const c of program.commands) c.exitOverride().configureOutput({ outputError: () => {} });
  for (const c of program.commands.flatMap((c) => c.commands)) c.exitOverride().configureOutput({ outputError: () => {} });

  try {
    process.exitCode = 0;
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (err) {
    return report(err);
  }
}

/** Every failure becomes one line on stderr and an exit code; stacks only with AGENTOS_DEBUG. */
export function report(err: unknown): number {
  if (err instanceof CommanderError) {
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
  return err instanceof KernelError ? 1 : 1;
}
