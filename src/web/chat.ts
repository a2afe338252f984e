import type { ChatEvent, ChatHost, DocEntry } from '../ai/chat/types.js';
import { argsOf } from '../kernel/introspect.js';
import type { ChatPort, WebContext } from './context.js';
import { runGeneration } from './generation.js';

/** The syscall table as the assistant explains it. */
function syscallDocs(web: WebContext): DocEntry[] {
  return [...web.kernel.table.values()].map((d) => {
    const args = argsOf(d);
    return { name: d.name, usage: `${d.name} ${args.map((a) => (a.required ? a.name : `[${a.name}]`)).join(' ')}`.trim(), summary: d.doc, details: args.map((a) => `${a.name}: ${a.doc}`) };
  });
}

/**
 * The assistant (src/ai/chat) acting on this live desktop: it lists, opens and closes apps
 * in the runtime, and a generated app opens at once. With a model configured it talks to
 * it; otherwise its offline intent table answers.
 */
export function webChat(web: WebContext, commands: DocEntry[] = []): ChatPort {
  const host: ChatHost = {
    async listApps() {
      const d = web.runtime.getSnapshot();
      const running = Object.values(d.apps).map((a) => ({ id: a.id, name: a.title, description: a.blueprint.app.description, source: 'running' }));
      const available = (await web.launchable()).map((e) => ({ id: e.id, name: e.name, description: e.description, source: e.source ?? 'shipped' }));
      return { running, available };
    },
    async openApp(id) {
      const opened = await web.launchApp(id);
      return `Opened ${web.runtime.getSnapshot().apps[opened]?.title ?? id}.`;
    },
    async closeApp(id) {
      const d = web.runtime.getSnapshot();
      const target = d.apps[id] ? id : Object.values(d.apps).find((a) => a.appId === id || a.title.toLowerCase() === id.toLowerCase())?.id;
      if (!target) throw new Error(`no running app "${id}"`);
      await web.runtime.close(target);
      return `Closed ${id}.`;
    },
    async generateApp(prompt) {
      const g = await runGeneration(web, prompt, {});
      return { blueprint: g.ui_spec, reason: g.thoughts[0] };
    },
    commands,
    syscalls: syscallDocs(web),
  };
  return {
    async *reply(message, opts): AsyncIterable<ChatEvent> {
      const [{ chat }, settings] = await Promise.all([import('../ai/chat/chat.js'), import('./generator.js')]);
      const choice = settings.currentChoice();
      const client = choice.provider === 'template' ? undefined : await (await import('../ai/settings.js')).providerFor(choice);
      yield* chat(message, { host, client, model: choice.model, signal: opts.signal });
    },
  };
}
