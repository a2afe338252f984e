import { Command } from 'commander';
import { COMMANDS, install } from './commands.js';
import { report } from './report.js';
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

