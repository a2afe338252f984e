import type { Command } from 'commander';
import { SYSCALL_COMMAND } from './syscall-command.js';

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
  SYSCALL_COMMAND,
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
    examples: ['agentos serve', 'agentos serve --port 8080', 'AGENTOS_TOKEN=secret agentos serve', 'agentos serve --session work', 'agentos serve --no-web', 'agentos status'],
    options: [
      ['--session <name>', 'the session to restore and autosave (default: the last one, as `agentos shell`)'],
      ['--fresh', 'start with an empty desktop (saved into a new session)'],
      ['--no-web', 'only the kernel\'s control socket, no web view'],
      ['--port <n>', 'port of the web view (default: `agentos config get web.port`, 7777; 0 picks a free one)'],
      ['--host <host>', 'address to listen on (default 127.0.0.1; anything else is reachable from other machines)'],
      ['--token <token>', 'the web token (default: AGENTOS_TOKEN, else a random one printed with the URL)'],
    ],
    action: async (opts) => (await import('./commands/serve.js')).default(opts),
  },
  {
    name: 'run <app>',
    summary: 'run one app full screen (an id from apps/ or a .bp file; Ctrl+Q quits); --headless applies events and prints its state as JSON',
    examples: [
      'agentos run calculator',
      'agentos run ./my-app.bp',
      'agentos run calculator --headless --events events.jsonl',
      'echo \'{"component":"btn-7","event":"click"}\' | agentos run ./calculator.bp --headless --events -',
    ],
    options: [['--headless', 'no terminal view: apply the events, print {"app","state","errors"}'], ['--events <file>', 'one JSON event per line, e.g. {"component":"btn-7","event":"click"} (- for stdin)']],
    action: async (app, opts) => (await import('./commands/run.js')).default(app, opts),
  },
  {
    name: 'gen <prompt>',
    summary: 'make an app from a sentence: progress on stderr, the Blueprint JSON on stdout (offline unless a model is configured)',
    examples: [
      'agentos gen "a tip calculator with 15, 18 and 20 percent buttons"',
      'agentos gen "a pomodoro timer, 50 minutes work and 10 minute breaks" --save',
      'agentos gen "a kanban board" --out kanban.bp',
      'agentos gen "notes app" --events',
      'GOOGLE_API_KEY=... agentos gen "a habit tracker" --provider gemini --model gemini-2.5-flash',
      'AGENTOS_OPENAI_BASE_URL=http://localhost:11434/v1 agentos gen "a recipe box" --model llama3.2',
    ],
    options: [
      ['--out <file>', 'write the Blueprint to this file (atomically) instead of stdout'],
      ['--save', 'save the app under /home/apps (the registry)'],
      ['--launch', 'open it in the running desktop'],
      ['--events', 'print the generation events as JSON lines on stdout instead'],
      ['--provider <name>', 'template (offline), gemini or openai (default: gemini with GOOGLE_API_KEY, openai with AGENTOS_OPENAI_BASE_URL, else template)'],
      ['--model <name>', 'the model for the provider (default: `agentos config get model`, or the provider\'s default)'],
      ['--no-cache', 'generate anew instead of reusing a cached answer'],
    ],
    action: async (prompt, opts) => (await import('./commands/gen.js')).default(prompt, opts),
  },
  {
    name: 'chat <message>',
    summary: 'ask the assistant: it answers, and can open, close, list and generate apps or explain a command',
    examples: [
      'agentos chat "what does agentos ps do?"',
      'agentos chat "make me a stopwatch"',
      'agentos chat "list my apps"',
      'agentos chat "open calculator" --json',
    ],
    options: [
      json,
      ['--provider <name>', 'template (offline intents), gemini or openai'],
      ['--model <name>', 'the model for the provider'],
    ],
    action: async (message, opts) => (await import('./commands/chat.js')).default(message, opts),
  },
  {
    name: 'shell',
    summary: 'the terminal desktop: windows, apps, terminals (Ctrl+K spotlight, F1 keys, Ctrl+Q quit)',
    examples: ['agentos shell', 'agentos shell --session work', 'agentos shell --fresh', 'agentos shell --web'],
    options: [
      ['--session <name>', 'the session to restore and save (default: the last one)'],
      ['--fresh', 'start with an empty desktop'],
      ['--web', 'also serve this desktop to a browser (the URL with its token is printed; `agentos status` shows it)'],
      ['--port <n>', 'port of the web view with --web (default: `agentos config get web.port`, 7777)'],
    ],
    action: async (opts) => (await import('./commands/shell.js')).default(opts),
  },
  {
    name: 'top',
    summary: 'a live dashboard of the running kernel: syscalls, latency, memory, processes, IPC, denials (q leaves)',
    examples: ['agentos top', 'agentos top --interval 500', 'agentos top --once --json'],
    options: [['--interval <ms>', 'refresh period in milliseconds', '1000'], ['--once', 'print what the dashboard shows once and exit (no terminal needed)'], ['--json', 'with --once: print it as JSON']],
    action: async (opts) => (await import('./commands/top.js')).default(opts),
  },
  {
    name: 'status',
    summary: 'whether a live kernel runs: pid, socket, uptime, web URL (exit 3 when none)',
    examples: ['agentos status', 'agentos status --json'],
    options: [json],
    action: async (opts) => (await import('./commands/status.js')).default(opts),
  },
  {
    name: 'mcp',
    summary: 'serve AgentOS to MCP clients (coding agents, assistants) over stdio: apps, screens, events, generation, syscalls',
    examples: ['agentos mcp', 'agentos mcp --local', 'agentos config set mcp.profile MINIMAL'],
    options: [['--local', 'use a private desktop even when a live one runs']],
    action: async (opts) => (await import('./commands/mcp.js')).default(opts),
  },
  {
    name: 'apps',
    summary: 'the app registry: shipped apps (apps/), and the ones you saved or generated (under /home/apps)',
    examples: [
      'agentos apps list',
      'agentos apps show calculator --json',
      'agentos apps validate my-app.bp other.aiapp',
      'agentos apps import my-app.bp',
      'agentos apps export calculator --out calc.bp',
      'agentos apps launch notes',
      'agentos apps rm my-app',
    ],
    subcommands: [
      { name: 'list', summary: 'every app: id, name, category, source (shipped, saved or generated)', options: [json, ['--local', 'use a private kernel even when a live one runs']], examples: ['agentos apps list', 'agentos apps list --json'], action: async (opts) => (await import('./commands/apps.js')).list(opts) },
      { name: 'show <id>', summary: 'one app: what it is, where it comes from, its permissions, services and keys', options: [json, ['--local', 'use a private kernel even when a live one runs']], examples: ['agentos apps show notes', 'agentos apps show notes --json'], action: async (id, opts) => (await import('./commands/apps.js')).show(id, opts) },
      { name: 'validate <files...>', summary: 'check Blueprint files: exit 0 when all are valid, else 1 with file:line:col lines', options: [json], examples: ['agentos apps validate app.bp', 'agentos apps validate apps/*/*.bp --json'], action: async (files, opts) => (await import('./commands/apps.js')).validate(files, opts) },
      { name: 'launch <id>', summary: 'open an app on the running desktop (agentos shell)', options: [json], examples: ['agentos apps launch calculator', 'agentos apps launch notes --json'], action: async (id, opts) => (await import('./commands/apps.js')).launch(id, opts) },
      { name: 'rm <id>', summary: 'remove a saved or generated app (a shipped app of that id comes back)', options: [json, ['--local', 'use a private kernel even when a live one runs']], examples: ['agentos apps rm my-app', 'agentos apps rm calculator --json'], action: async (id, opts) => (await import('./commands/apps.js')).rm(id, opts) },
      { name: 'import <file>', summary: 'validate a .bp/.aiapp file, then save it in the registry (it wins over a shipped app of its id)', options: [json, ['--generated', 'record it as a generated app rather than a saved one'], ['--local', 'use a private kernel even when a live one runs']], examples: ['agentos apps import my-app.bp', 'agentos apps import gen.bp --generated --json'], action: async (file, opts) => (await import('./commands/apps.js')).importApp(file, opts) },
      { name: 'export <id>', summary: 'print an app\'s Blueprint file (or write it with --out)', options: [json, ['--out <file>', 'write it to this file'], ['--force', 'replace the --out file if it exists'], ['--local', 'use a private kernel even when a live one runs']], examples: ['agentos apps export calculator', 'agentos apps export notes --out notes.bp'], action: async (id, opts) => (await import('./commands/apps.js')).exportApp(id, opts) },
    ],
  },
  {
    name: 'sessions',
    summary: 'saved workspaces: apps with their state, windows, focus and chat (the desktop autosaves one)',
    examples: ['agentos sessions list', 'agentos sessions save work', 'agentos sessions restore work', 'agentos sessions rm old --json'],
    subcommands: [
      { name: 'list', summary: 'every saved session, newest first (* the one the desktop opens next)', options: [json, ['--local', 'use a private kernel even when a live one runs']], examples: ['agentos sessions list', 'agentos sessions list --json'], action: async (opts) => (await import('./commands/sessions.js')).list(opts) },
      { name: 'save <name>', summary: 'save the running desktop as NAME (with no desktop: its last session)', options: [json, ['--description <text>', 'a line about this session']], examples: ['agentos sessions save work', 'agentos sessions save demo --description "for Friday" --json'], action: async (name, opts) => (await import('./commands/sessions.js')).save(name, opts) },
      { name: 'restore <name>', summary: 'open session NAME on the running desktop (with no desktop: the next `agentos shell` opens it)', options: [json], examples: ['agentos sessions restore work', 'agentos sessions restore work --json'], action: async (name, opts) => (await import('./commands/sessions.js')).restore(name, opts) },
      { name: 'rm <name>', summary: 'delete a saved session', options: [json, ['--local', 'use a private kernel even when a live one runs']], examples: ['agentos sessions rm old'], action: async (name, opts) => (await import('./commands/sessions.js')).rm(name, opts) },
    ],
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
