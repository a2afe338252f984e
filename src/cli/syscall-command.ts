import type { CommandSpec } from './commands.js';

/**
 * `agentos syscall`, in a file of its own: the one-shot bundle (oneshot.ts) needs this
 * entry without the rest of the command table and the modules it points to.
 */
export const SYSCALL_COMMAND: CommandSpec = {
  name: 'syscall [name] [args...]',
  summary: 'make one syscall (against the running desktop\'s kernel when there is one)',
  examples: [
    'agentos syscall fs.write /home/a.txt hello',
    'agentos syscall fs.read /home/a.txt',
    'agentos syscall fs.list path=/home --json',
    'agentos syscall fs.read --args \'{"path":"/home/a.txt","encoding":"base64"}\'',
    'agentos syscall --list',
  ],
  options: [
    ['--json', 'print machine-readable JSON'],
    ['--list', 'list every syscall with its arguments, capability and meaning'],
    ['--args <json>', 'the arguments as one JSON object'],
    ['--local', 'use a private kernel even when a live one runs'],
  ],
  loose: true,
  action: async (name, words, opts) => (await import('./commands/syscall.js')).default(name, words, opts),
};
