import type { Command } from 'commander';

/**
 * The command table. Options are declared here (commander needs them before parsing);
 * each action loads its module only when that command runs, so a one-shot command never
 * loads the desktop, the web client or anything else it does not use.
 */
export interface CommandSpec {
  /** Name and arguments in commander syntax: `syscall [name] [args...]`. */
  name: string;
  summary: string;
  examples?: string[];
  options?: [flags: string, description: string, defaultValue?: string | boolean][];
  /** Runs the command; returns the exit code. */
  action?: (...args: any[]) => Promise<number | void>;
  subcommands?: CommandSpec[];
  /** Accept words that look like options as arguments (for syscall args like -1). */
  loose?: boolean;
}

const json: [string, string] = ['--json', 'print machine-readable JSON'];

export const COMMANDS: CommandSpec[] = [
  {
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
      json,
      ['--list', 'list every syscall with its arguments, capability and meaning'],
      ['--args <json>', 'the arguments as one JSON object'],
      ['--local', 'use a private kernel even when a live one runs'],
    ],
    loose: true,
    action: async (name, words, opts) => (await import('./commands/syscall.js')).default(name, words, opts),
  },
  {
    name: 'config',
    summary: 'read and change settings (provider, model, keys, keymap, theme, sandbox)',
    examples: ['agentos config list', 'agentos config set provider template', 'agentos config get theme'],
    subcommands: [
      { name: 'list', summary: 'every setting with its value and meaning', options: [json], action: async (opts) => (await import('./commands/config.js')).list(opts) },
      { name: 'get <key>', summary: 'one setting', options: [json], action: async (key, opts) => (await import('./commands/config.js')).get(key, opts) },
      { name: 'set <key> <value>', summary: 'change a setting', options: [json], action: async (key, value, opts) => (await import('./commands/config.js')).set(key, value, opts) },
      { name: 'unset <key>', summary: 'back to the default', options: [json], action: async (key, opts) => (await import('./commands/config.js')).unset(key, opts) },
    ],
  },
  {
    name: 'docs',
    summary: 'print or regenerate the generated docs (docs/SYSCALLS.md, ...)',
    examples: ['agentos docs --write', 'agentos docs syscalls'],
    options: [['--write', 'write docs/ in the package folder'], ['--check', 'exit 1 when docs/ is stale']],
    action: async (opts) => (await import('./commands/docs.js')).default(opts),
  },
  {
    name: 'ps',
    summary: 'the process table: app processes, OS children and terminals (PID PPID KIND STATE PRIO MEM CMD)',
    examples: ['agentos ps', 'agentos ps --kind os', 'agentos ps --json'],
    options: [json, ['--kind <kind>', 'only this kind: kernel, user, app, service, mcp, os, pty'], ['--local', 'use a private kernel even when a live one runs']],
    action: async (opts) => (await import('./commands/ps.js')).default(opts),
  },
  {
    name: 'kill <pid>',
    summary: 'end a process (or send it another signal); yours, or any with KILL_PROCESS',
    examples: ['agentos kill 7', 'agentos kill 7 --signal KILL', 'agentos kill 7 --signal STOP --json'],
    options: [json, ['--signal <signal>', 'TERM, KILL, INT, HUP, STOP, CONT, USR1, USR2 or CHLD', 'TERM'], ['--local', 'use a private kernel even when a live one runs']],
    action: async (pid, opts) => (await import('./commands/kill.js')).default(pid, opts),
  },
  {
    name: 'serve',
    summary: 'run the kernel without a terminal, for commands, agents and browsers to attach to',
    examples: ['agentos serve --no-web', 'agentos status'],
    options: [['--no-web', 'only the kernel\'s control socket, no web view']],
    action: async (opts) => (await import('./commands/serve.js')).default(opts),
  },
  {
    name: 'status',
    summary: 'whether a live kernel runs: pid, socket, uptime, web URL (exit 3 when none)',
    examples: ['agentos status', 'agentos status --json'],
    options: [json],
    action: async (opts) => (await import('./commands/status.js')).default(opts),
  },
];

/** Build commander commands from the table. */
export function install(parent: Command, specs: CommandSpec[]) {
  for (const spec of specs) {
    const cmd = parent.command(spec.name).description(spec.summary);
    for (const [flags, desc, dflt] of spec.options ?? []) cmd.option(flags, desc, dflt as never);
    if (spec.loose) cmd.allowUnknownOption().allowExcessArguments();
    if (spec.examples?.length) cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
    if (spec.subcommands) install(cmd, spec.subcommands);
    if (spec.action) {
      const action = spec.action;
      cmd.action(async (...args: unknown[]) => {
        // commander passes (...positionals, options, command); drop the command.
        const code = await action(...args.slice(0, -1));
        if (typeof code === 'number') process.exitCode = code;
      });
    }
  }
}
