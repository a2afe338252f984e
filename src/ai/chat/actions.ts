import { z } from 'zod';
import { closest } from '../../util/suggest.js';
import type { ActionName, ChatHost, DocEntry } from './types.js';

/**
 * What the chat can do, as a table: the offline intents and the model's tools both call
 * these, so they behave the same whichever understood the request.
 */
export interface ChatAction<P extends z.ZodObject = z.ZodObject> {
  name: ActionName;
  doc: string;
  params: P;
  run(host: ChatHost, args: z.infer<P>): Promise<string>;
}

const define = <P extends z.ZodObject>(a: ChatAction<P>) => a as unknown as ChatAction;

const appLine = (a: { id: string; name: string; description?: string }) => `- ${a.name} (${a.id})${a.description ? `: ${a.description}` : ''}`;

export const ACTIONS: ChatAction[] = [
  define({
    name: 'list_apps',
    doc: 'List the apps that are running and the ones that can be opened.',
    params: z.object({}),
    async run(host) {
      const { running, available } = await host.listApps();
      const parts: string[] = [];
      if (running) parts.push(running.length ? `Running:\n${running.map(appLine).join('\n')}` : 'No apps are running.');
      parts.push(available.length ? `Available:\n${available.map(appLine).join('\n')}` : 'No apps are installed yet; ask me to make one.');
      return parts.join('\n\n');
    },
  }),
  define({
    name: 'open_app',
    doc: 'Open (launch) an app by its id or name.',
    params: z.object({ id: z.string().min(1).describe('the app id or name, e.g. calculator') }),
    async run(host, { id }) {
      const { available } = await host.listApps();
      const found = findApp(available, id);
      if (!found) return `I don't know an app called "${id}".${suggestion(available, id)} Ask me to make one, e.g. "make a ${id}".`;
      return host.openApp(found.id);
    },
  }),
  define({
    name: 'close_app',
    doc: 'Close a running app by its id or name.',
    params: z.object({ id: z.string().min(1).describe('the app id or name') }),
    async run(host, { id }) {
      const { running } = await host.listApps();
      if (running) {
        const found = findApp(running, id);
        if (!found) return running.length ? `"${id}" is not running. Running: ${running.map((a) => a.id).join(', ')}.` : 'No apps are running.';
        return host.closeApp(found.id);
      }
      return host.closeApp(id);
    },
  }),
  define({
    name: 'generate_app',
    doc: 'Make a new app from a description and save it.',
    params: z.object({ prompt: z.string().min(1).describe('what the app should do, in the user\'s words') }),
    async run(host, { prompt }) {
      const r = await host.generateApp(prompt);
      const bp = r.blueprint;
      return [`Made "${bp.app.name}" (${bp.app.id}): ${bp.app.description ?? `${bp.ui.components.length} components`}`, r.savedAs ? `Saved as ${r.savedAs}.` : ''].filter(Boolean).join(' ');
    },
  }),
  define({
    name: 'explain',
    doc: 'Explain what an agentos command or a syscall does.',
    params: z.object({ topic: z.string().min(1).describe('a command (gen, ps, syscall...) or a syscall (fs.read...)') }),
    async run(host, { topic }) {
      return explain(host, topic);
    },
  }),
];

export const actionByName = new Map(ACTIONS.map((a) => [a.name, a]));

function findApp<T extends { id: string; name: string }>(apps: T[], wanted: string): T | undefined {
  const w = wanted.toLowerCase().trim();
  const slug = w.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return apps.find((a) => a.id.toLowerCase() === w || a.id.toLowerCase() === slug || a.name.toLowerCase() === w) ?? apps.find((a) => a.id.includes(slug) || a.name.toLowerCase().includes(w));
}

function suggestion(apps: { id: string }[], wanted: string): string {
  const near = closest(wanted, apps.map((a) => a.id));
  return near ? ` Did you mean "${near}"?` : '';
}

function docText(d: DocEntry, kind: string): string {
  return [`${kind} ${d.usage ?? d.name}: ${d.summary}`, ...(d.details ?? []).map((x) => `  ${x}`), ...(d.examples?.length ? ['Examples:', ...d.examples.map((e) => `  ${e}`)] : [])].join('\n');
}

export function explain(host: ChatHost, topic: string): string {
  const t = topic.trim().replace(/^agentos\s+/, '').replace(/[`'"?]/g, '').toLowerCase();
  const command = host.commands.find((c) => c.name === t || c.name.split(' ')[0] === t.split(' ')[0]);
  if (command && !t.includes('.')) return docText(command, 'agentos');
  const syscall = host.syscalls.find((s) => s.name === t);
  if (syscall) return docText(syscall, 'syscall');
  const near = closest(t, [...host.commands.map((c) => c.name.split(' ')[0]!), ...host.syscalls.map((s) => s.name)]);
  return `I don't know "${topic}".${near ? ` Did you mean "${near}"?` : ''} Commands: ${host.commands.map((c) => c.name.split(' ')[0]).join(', ')}; \`agentos syscall --list\` shows every syscall.`;
}
