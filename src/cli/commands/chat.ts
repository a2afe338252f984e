import type { AppSummary, ChatEvent, ChatHost, DocEntry } from '../../ai/chat/types.js';
import { argsOf } from '../../kernel/introspect.js';
import type { SyscallDef } from '../../kernel/syscall.js';
import { SYSCALLS } from '../../kernel/syscalls/index.js';
import { stripControls } from '../../util/sanitize.js';
import { openKernel, type KernelClient } from '../boot.js';
import { COMMANDS, type CommandSpec } from '../commands.js';
import { ExitError } from '../errors.js';
import { resolveChoice, saveApp } from './gen.js';

interface Opts {
  json?: boolean;
  provider?: string;
  model?: string;
}

/** The command table as the chat explains it: usage, options, subcommands, examples. */
function commandDocs(specs: CommandSpec[]): DocEntry[] {
  return specs.map((c) => ({
    name: c.name.split(' ')[0]!,
    usage: c.name,
    summary: c.summary,
    details: [...(c.options ?? []).map(([flags, doc]) => `${flags}: ${doc}`), ...(c.subcommands ?? []).map((s) => `${c.name.split(' ')[0]} ${s.name}: ${s.summary}`)],
    examples: c.examples,
  }));
}

function syscallDocs(): DocEntry[] {
  return SYSCALLS.map((d) => {
    const args = argsOf(d as SyscallDef);
    return { name: d.name, usage: `${d.name} ${args.map((a) => (a.required ? a.name : `[${a.name}]`)).join(' ')}`.trim(), summary: d.doc, details: args.map((a) => `${a.name}: ${a.doc}`) };
  });
}

/** Every app the registry knows: shipped (/apps), saved and generated (/home/apps). */
async function registered(kernel: KernelClient): Promise<AppSummary[]> {
  const { AppRegistry } = await import('../../runtime/registry/registry.js');
  return (await new AppRegistry(kernel).list()).map((e) => ({ id: e.id, name: e.name, description: e.description, source: e.source }));
}

const NO_DESKTOP = 'needs the desktop, which is not running here (start `agentos shell`; until then an app can be tried with `agentos run APP --headless --events FILE`)';

function host(kernelNow: () => Promise<KernelClient>, opts: Opts): ChatHost {
  return {
    async listApps() {
      const k = await kernelNow();
      let running: AppSummary[] | null = null;
      if (k.live) running = await k.call<AppSummary[]>('apps.list').catch(() => null);
      return { running, available: await registered(k) };
    },
    async openApp(id) {
      const k = await kernelNow();
      if (!k.live) throw new Error(`opening "${id}" ${NO_DESKTOP}`);
      await k.call('apps.launch', { id }).catch((e: Error) => {
        throw new Error(`opening apps is not available yet in this desktop (${e.message})`);
      });
      return `Opened ${id}.`;
    },
    async closeApp(id) {
      const k = await kernelNow();
      if (!k.live) throw new Error(`closing "${id}" ${NO_DESKTOP}`);
      await k.call('apps.close', { id }).catch((e: Error) => {
        throw new Error(`closing apps is not available yet in this desktop (${e.message})`);
      });
      return `Closed ${id}.`;
    },
    async generateApp(prompt) {
      const [{ generateBlueprint }, { kernelDisk }] = await Promise.all([import('../../ai/generate.js'), import('../../ai/cache.js')]);
      const choice = resolveChoice(opts);
      const done = await generateBlueprint(prompt, { choice, disk: kernelDisk((n, a) => kernelNow().then((k) => k.syscall(n, a))) });
      const savedAs = await saveApp(await kernelNow(), done.blueprint);
      return { blueprint: done.blueprint, savedAs, reason: done.reason };
    },
    commands: commandDocs(COMMANDS),
    syscalls: syscallDocs(),
  };
}

/** `agentos chat "MESSAGE"`: thoughts on stderr, the answer on stdout (or one JSON object with --json). */
export default async function chatCommand(message: string, opts: Opts): Promise<number> {
  const choice = resolveChoice(opts);
  let kernel: KernelClient | undefined;
  const kernelNow = async () => (kernel ??= await openKernel());
  const color = !!process.stderr.isTTY && !process.env.NO_COLOR;
  try {
    const { chat } = await import('../../ai/chat/chat.js');
    const client = choice.provider === 'template' ? undefined : await (await import('../../ai/settings.js')).providerFor(choice);
    const thoughts: string[] = [];
    const actions: Extract<ChatEvent, { type: 'action' }>[] = [];
    let answer = '';
    let printed = '';
    for await (const ev of chat(message, { host: host(kernelNow, opts), client, model: choice.model })) {
      if (ev.type === 'thought') {
        thoughts.push(ev.text);
        if (!opts.json) process.stderr.write(`${color ? '\x1b[2m' : ''}· ${stripControls(ev.text, false)}${color ? '\x1b[22m' : ''}\n`);
      } else if (ev.type === 'token') {
        if (!opts.json) process.stdout.write(stripControls(ev.text));
        printed += ev.text;
      } else if (ev.type === 'action') actions.push(ev);
      else if (ev.type === 'done') answer = ev.answer;
      else throw new ExitError(stripControls(ev.message, false), 1);
    }
    if (opts.json) process.stdout.write(JSON.stringify({ answer, thoughts, actions, provider: choice.provider }, null, 2) + '\n');
    else if (!printed.endsWith('\n')) process.stdout.write('\n');
    return 0;
  } finally {
    await kernel?.close();
  }
}
