import type { Blueprint, Component } from '../blueprint/types.js';
import type { Runtime } from '../runtime/index.js';
import type { DesktopController } from './desktop/controller.js';

/**
 * The desktop's side of the AI layer. The CLI passes the streams in (src/ai's generate()
 * and chat()); the view only knows the shapes of their events, so tui does not depend on ai.
 */
export type GenStreamEvent =
  | { type: 'thought'; text: string }
  | { type: 'token'; text: string }
  | { type: 'component'; component: Component; index: number; round: number }
  | { type: 'complete'; blueprint: Blueprint }
  | { type: 'error'; message: string };

export type ChatStreamEvent =
  | { type: 'thought'; text: string }
  | { type: 'token'; text: string }
  | { type: 'action'; name: string; ok: boolean; result: string }
  | { type: 'done'; answer: string }
  | { type: 'error'; message: string };

const STREAM_KEY = 'stream:children';

/** The window a generation streams into until the app is ready. */
function placeholder(prompt: string): Blueprint {
  return {
    app: { id: 'generating', name: 'Generating…', icon: '◌', permissions: ['MINIMAL'] },
    services: [],
    ui: {
      title: `Generating: ${prompt.slice(0, 40)}`,
      layout: 'vertical',
      components: [
        { type: 'text', id: 'gen-status', props: { content: 'thinking…', variant: 'caption', color: 'muted' } },
        { type: 'container', id: 'stream', props: { padding: 'small' } },
      ],
      lifecycle: {},
    },
  };
}

/**
 * Generate an app from a sentence into a window: a placeholder shows each component as
 * soon as its JSON closes (the renderer draws run-time children), then, once the Blueprint
 * is complete and the user allowed it to start, the real app replaces it.
 */
export async function generateIntoWindow(ctl: DesktopController, prompt: string, stream: AsyncIterable<GenStreamEvent>): Promise<string | void> {
  const rt = ctl.rt;
  const id = await rt.launch(placeholder(prompt));
  const set = (key: string, value: unknown) => rt.runTool(id, 'ui.set', { key, value }).catch(() => undefined);
  let round = -1;
  let components: Component[] = [];
  try {
    for await (const ev of stream) {
      if (!rt.getSnapshot().apps[id]) return; // the user closed it: stop drawing
      if (ev.type === 'thought') await set('gen-status', ev.text);
      else if (ev.type === 'component') {
        if (ev.round !== round) (round = ev.round), (components = []);
        components = [...components, ev.component];
        await set(STREAM_KEY, components);
      } else if (ev.type === 'error') {
        await set('gen-status', `could not generate: ${ev.message}`);
        ctl.hint(ev.message);
        return;
      } else if (ev.type === 'complete') {
        await rt.close(id).catch(() => undefined);
        await ctl.launchGenerated(ev.blueprint);
        return;
      }
    }
  } catch (e) {
    await set('gen-status', `could not generate: ${(e as Error).message}`);
    throw e;
  }
}

/** A chat message into the runtime's chat: the user's line, then the agent's thoughts and answer as they stream. */
export async function chatIntoRuntime(rt: Runtime, message: string, stream: AsyncIterable<ChatStreamEvent>): Promise<void> {
  rt.addChatMessage({ role: 'user', content: message });
  const answer = rt.addChatMessage({ role: 'assistant', content: '', thoughts: [] });
  let content = '';
  const thoughts: string[] = [];
  for await (const ev of stream) {
    if (ev.type === 'thought') thoughts.push(ev.text);
    else if (ev.type === 'action') thoughts.push(`${ev.ok ? '✓' : '✗'} ${ev.name}: ${ev.result}`);
    else if (ev.type === 'token') content += ev.text;
    else if (ev.type === 'done') content = ev.answer || content;
    else if (ev.type === 'error') content = `${content}\n(${ev.message})`.trim();
    rt.updateChatMessage(answer, { content, thoughts: [...thoughts] });
  }
}
