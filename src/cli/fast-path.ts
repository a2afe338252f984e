import { COMMANDS } from './commands.js';
import { fastPathOf } from './fast-args.js';

/**
 * Scripts call `agentos syscall …` in loops, so it skips loading commander: its options
 * are read from the same command table entry, with the same meaning. Anything unusual
 * (help, a flag we don't know) goes the normal way.
 */
export function fastPathFor(argv: string[]): (() => Promise<number | void>) | undefined {
  const spec = COMMANDS.find((c) => c.name.split(' ')[0] === argv[0]);
  return spec && fastPathOf(spec, argv);
}
