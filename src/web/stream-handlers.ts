import type { Component } from '../blueprint/types.js';
import { parseKeyName } from '../blueprint/keys.js';
import { KernelError } from '../kernel/errors.js';
import { childrenOf, resolvedProps } from '../runtime/components.js';
import type { Runtime } from '../runtime/runtime.js';
import { runGeneration } from './generation.js';
import { VIEW_TOOLS, type ClientMessage, type WindowAction } from './protocol.js';
import { MAX_GENERATIONS_PER_CLIENT, type StreamClient, type StreamHub } from './stream.js';
import { TERMINAL_APP_ID, terminalBlueprint } from './terminal-app.js';
import { parseClientMessage } from './ws-messages.js';

type Of<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;
type Handler<T extends ClientMessage['type']> = (hub: StreamHub, client: StreamClient, m: Of<T>) => unknown;

const requireApp = (rt: Runtime, id: string) => {
  if (!rt.getSnapshot().apps[id]) throw new KernelError('ESRCH', `no running app "${id}"`);
};

type Simple = Exclude<WindowAction['action'], 'place' | 'move' | 'resize' | 'snap'>;
const WINDOW_SIMPLE: Record<Simple, (rt: Runtime, id: string) => unknown> = {
  minimize: (rt, id) => rt.windows.minimize(id),
  maximize: (rt, id) => rt.windows.maximize(id),
  toggle_maximize: (rt, id) => rt.windows.toggleMaximize(id),
  fullscreen: (rt, id) => rt.windows.fullscreen(id),
  restore: (rt, id) => rt.windows.restore(id),
  raise: (rt, id) => rt.windows.raise(id),
  lower: (rt, id) => rt.windows.lower(id),
  focus: (rt, id) => rt.focus(id),
  close: (rt, id) => rt.close(id),
};

function windowCommand(rt: Runtime, m: Of<'window'>) {
  requireApp(rt, m.app_id);
  switch (m.action) {
    case 'place':
      return rt.windows.place(m.app_id, m.rect);
    case 'move':
      return rt.windows.move(m.app_id, m.dx, m.dy);
    case 'resize':
      return rt.windows.resize(m.app_id, m.edge, m.dx, m.dy);
    case 'snap':
      return rt.windows.snap(m.app_id, m.zone);
    default:
      return WINDOW_SIMPLE[m.action](rt, m.app_id);
  }
}

/** What a key stands for on a button when the app binds none: a calculator's × for *, = for Enter. */
const LABELS: Record<string, string[]> = { Enter: ['=', 'enter', 'ok'], Backspace: ['⌫', '←', 'del', 'backspace'], '*': ['*', '×'], '/': ['/', '÷'], '-': ['-', '−'] };

/** The first visible, enabled button labelled with the key (reading order), or null. */
function buttonFor(rt: Runtime, appId: string, key: string): string | null {
  const app = rt.getSnapshot().apps[appId]!;
  const want = LABELS[key] ?? [key.toLowerCase()];
  const found: Component[] = [];
  const walk = (list: readonly Component[]) => {
    for (const c of list) {
      const p = resolvedProps(app.state, c);
      if (p.hidden === true) continue;
      if (c.type === 'button' && p.disabled !== true) found.push(c);
      if (c.type !== 'modal' || p.open === true) walk(childrenOf(app.state, c));
    }
  };
  walk(app.blueprint.ui.components);
  for (const label of want) {
    const hit = found.find((c) => String(resolvedProps(app.state, c).text ?? '').trim().toLowerCase() === label);
    if (hit) return hit.id;
  }
  return null;
}

/**
 * A key pressed in an app with no field focused: its `ui.keys` binding, else the button
 * labelled with it (as the terminal view does). Decided at once, so keys keep their order.
 */
function pressKey(rt: Runtime, appId: string, key: string): Promise<boolean> {
  requireApp(rt, appId);
  const parsed = parseKeyName(key);
  if (!parsed.ok) throw new KernelError('EINVAL', parsed.message);
  if (rt.getSnapshot().apps[appId]!.blueprint.ui.keys?.[parsed.key]?.length) return rt.pressKey(appId, key);
  const button = buttonFor(rt, appId, parsed.key);
  return button ? rt.dispatchEvent(appId, { component: button, event: 'click' }) : Promise.resolve(false);
}

/** A generation or chat reply for one client, within its limit. */
async function generating<T>(client: StreamClient, fn: () => Promise<T>): Promise<T> {
  if (client.generations >= MAX_GENERATIONS_PER_CLIENT) throw new KernelError('EAGAIN', `${MAX_GENERATIONS_PER_CLIENT} generations are already running for this page; wait for one to finish`);
  client.generations++;
  try {
    return await fn();
  } finally {
    client.generations--;
  }
}

/**
 * A chat message: the exchange goes into the desktop's chat (so every view shows it, the
 * answer growing as it streams) and the original's messages go to the asking page.
 */
async function chat(hub: StreamHub, client: StreamClient, m: Of<'chat'>) {
  const rt = hub.web.runtime;
  const agent = hub.web.chat;
  if (!agent) throw new KernelError('ENOSYS', 'the assistant is not available on this server');
  rt.addChatMessage({ role: 'user', content: m.message });
  const answer = rt.addChatMessage({ role: 'assistant', content: '', thoughts: [] });
  const thoughts: string[] = [];
  const think = (text: string) => {
    thoughts.push(text);
    rt.updateChatMessage(answer, { thoughts: thoughts.slice(-50) });
    client.send({ type: 'thought', content: text });
  };
  let reply = '';
  client.send({ type: 'generation_start', message: m.message, generation_id: `chat-${answer}` });
  for await (const ev of agent.reply(m.message, { signal: client.abort.signal })) {
    if (ev.type === 'thought') think(ev.text);
    else if (ev.type === 'action') think(`${ev.name}: ${ev.result}`);
    else if (ev.type === 'token') {
      reply += ev.text;
      rt.updateChatMessage(answer, { content: reply });
      client.send({ type: 'token', content: ev.text });
      client.send({ type: 'generation_token', content: ev.text });
    } else if (ev.type === 'done') reply = ev.answer || reply;
    else {
      rt.updateChatMessage(answer, { content: `Sorry: ${ev.message}` });
      return client.send({ type: 'error', error: ev.message, code: 'provider' });
    }
  }
  rt.updateChatMessage(answer, { content: reply });
  client.send({ type: 'complete', reply });
}

const HANDLERS: { [T in ClientMessage['type']]: Handler<T> } = {
  ping: (_h, c, m) => c.send({ type: 'pong', ...(m.id !== undefined ? { id: m.id } : {}) }),
  sync: (h, c) => h.resync(c),
  chat: (h, c, m) => generating(c, () => chat(h, c, m)),
  generate_ui: (h, c, m) =>
    generating(c, async () => {
      const g = await runGeneration(h.web, m.message, { parent: m.context?.parent_id ?? null, signal: c.abort.signal, emit: (out) => c.send(out) }).catch(() => null);
      return g ? { app_id: g.app_id } : undefined;
    }),
  event: (h, _c, m) => {
    requireApp(h.web.runtime, m.app_id);
    return h.web.runtime.dispatchEvent(m.app_id, m.value === undefined ? { component: m.component, event: m.event } : { component: m.component, event: m.event, value: m.value });
  },
  key: (h, _c, m) => pressKey(h.web.runtime, m.app_id, m.key),
  window: (h, _c, m) => windowCommand(h.web.runtime, m),
  tile: (h, _c, m) => (m.layout === 'off' ? h.web.runtime.windows.untile() : h.web.runtime.windows.tile(m.layout)),
  cycle: (h, _c, m) => h.web.runtime.windows.cycle(m.direction ?? 1),
  launch: async (h, _c, m) => {
    const rt = h.web.runtime;
    const opts = { parent: m.parent_id ?? null };
    try {
      return { app_id: await h.web.launchApp(m.app_id, opts) };
    } catch (e) {
      // The terminal window needs no catalog entry (nor a working one): both views know how to make one.
      if (m.app_id === TERMINAL_APP_ID) return { app_id: await rt.launch(terminalBlueprint(), opts) };
      throw e;
    }
  },
  tool: (h, _c, m) => {
    if (!(VIEW_TOOLS as readonly string[]).includes(m.tool)) throw new KernelError('EACCES', `a page may call ${VIEW_TOOLS.join(', ')} directly; other tools run through POST /services/execute`);
    requireApp(h.web.runtime, m.app_id);
    return h.web.runtime.runTool(m.app_id, m.tool, m.args ?? {});
  },
  dialog: (h, _c, m) => h.web.runtime.answerDialog(m.dialog_id, m.yes ?? false),
  dismiss: (h, _c, m) => h.web.runtime.dismissNotification(m.notification_id),
  clear_errors: (h, _c, m) => (requireApp(h.web.runtime, m.app_id), h.web.runtime.clearErrors(m.app_id)),
  term_open: (h, c, m) => h.terminals.open(m.app_id, c, m.cols, m.rows),
  term_input: (h, _c, m) => h.terminals.input(m.app_id, m.data),
  term_resize: (h, _c, m) => h.terminals.resize(m.app_id, m.cols, m.rows),
  term_close: (h, c, m) => h.terminals.close(m.app_id, c),
};

/** One message from a client: parse, check, run its handler; answer `ack` when it carried an id. */
export async function handleMessage(hub: StreamHub, client: StreamClient, text: string): Promise<void> {
  const parsed = parseClientMessage(text);
  if (!parsed.ok) return client.fail(parsed.error, parsed.id);
  const m = parsed.message;
  hub.web.metrics.ws('in', m.type);
  try {
    const result = await (HANDLERS[m.type] as Handler<typeof m.type>)(hub, client, m as never);
    if (m.id !== undefined && m.type !== 'ping') client.send({ type: 'ack', id: m.id, result });
  } catch (e) {
    client.fail(e, m.id);
  }
}
