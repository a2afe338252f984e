import { messageOf, ProviderError, type ModelProvider, type ModelRequest } from '../providers/types.js';
import { DEFAULT_RETRY, backoffMs, sleep, type RetryPolicy } from '../retry.js';
import { ACTIONS, actionByName } from './actions.js';
import { CAPABILITIES, matchIntent } from './intents.js';
import type { ActionName, ChatEvent, ChatHost } from './types.js';

export interface ChatOptions {
  host: ChatHost;
  /** A model client; without one the offline intent table answers. */
  client?: ModelProvider;
  model?: string;
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
}

/**
 * One message to the assistant -> thoughts, the answer as it is written, and the actions it
 * took. Offline, the intent table decides; with a model, the model picks among the same
 * actions (one per message), sees the result, and answers. Never throws.
 */
export async function* chat(message: string, o: ChatOptions): AsyncGenerator<ChatEvent> {
  try {
    if (!message.trim()) {
      yield* say(`Ask me something. I can:\n${CAPABILITIES.map((c) => `- ${c}`).join('\n')}`);
      return;
    }
    if (o.client) yield* withModel(message, o.client, o);
    else yield* offline(message, o.host);
  } catch (e) {
    yield { type: 'error', message: messageOf(e) };
  }
}

function* say(answer: string): Generator<ChatEvent> {
  yield { type: 'token', text: answer };
  yield { type: 'done', answer };
}

async function* act(host: ChatHost, name: ActionName, args: Record<string, unknown>): AsyncGenerator<ChatEvent, string> {
  const action = actionByName.get(name)!;
  const parsed = action.params.safeParse(args);
  if (!parsed.success) {
    const result = `${name} needs ${Object.keys(action.params.shape).join(', ')}`;
    yield { type: 'action', name, args, ok: false, result };
    return result;
  }
  try {
    const result = await action.run(host, parsed.data);
    yield { type: 'action', name, args, ok: true, result };
    return result;
  } catch (e) {
    const result = messageOf(e);
    yield { type: 'action', name, args, ok: false, result };
    return result;
  }
}

async function* offline(message: string, host: ChatHost): AsyncGenerator<ChatEvent> {
  const hit = matchIntent(message);
  if (!hit) {
    yield { type: 'thought', text: 'no intent matched; offering what I can do' };
    yield* say(`I did not understand that (I am running offline, without a model). I can:\n${CAPABILITIES.map((c) => `- ${c}`).join('\n')}`);
    return;
  }
  if (hit.intent.reply) {
    yield* say(hit.intent.reply);
    return;
  }
  yield { type: 'thought', text: `understood: ${hit.intent.id}${Object.keys(hit.args).length ? ` ${JSON.stringify(hit.args)}` : ''}` };
  const result = yield* act(host, hit.intent.action!, hit.args);
  yield* say(result);
}

const NAMES = ACTIONS.map((a) => a.name);

const CHAT_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    thought: { type: 'string', description: 'your reasoning, one or two sentences' },
    answer: { type: 'string', description: 'what to tell the user' },
    action: {
      type: 'object',
      properties: {
        name: { type: 'string', enum: [...NAMES, 'none'] },
        id: { type: 'string', description: 'app id (open_app, close_app)' },
        prompt: { type: 'string', description: 'app description (generate_app)' },
        topic: { type: 'string', description: 'command or syscall (explain)' },
      },
      required: ['name'],
    },
  },
  required: ['answer'],
};

function systemPrompt(host: ChatHost): string {
  return [
    'You are the assistant of AgentOS, a terminal operating environment whose apps are Blueprint JSON files made from sentences.',
    'Reply with ONE JSON object: {"thought": "...", "answer": "...", "action": {"name": ..., ...}}. Use an action when the user asks you to do something; at most one per reply. Use {"name": "none"} otherwise.',
    'Actions:',
    ...ACTIONS.map((a) => `- ${a.name}(${Object.keys(a.params.shape).join(', ')}): ${a.doc}`),
    `Commands: ${host.commands.map((c) => `${c.name.split(' ')[0]} (${c.summary})`).join('; ')}.`,
    'Keep answers short and concrete.',
  ].join('\n');
}

async function* withModel(message: string, client: ModelProvider, o: ChatOptions): AsyncGenerator<ChatEvent> {
  const req: ModelRequest = { model: o.model ?? '', system: systemPrompt(o.host), messages: [{ role: 'user', text: message }], schema: CHAT_SCHEMA, signal: o.signal };
  const retry = { ...DEFAULT_RETRY, ...o.retry };
  const first = yield* ask(client, req, retry, o.signal);
  if (first.thought) yield { type: 'thought', text: first.thought };
  const name = first.action?.name;
  if (!name || name === 'none' || !actionByName.has(name as ActionName)) {
    yield { type: 'done', answer: first.answer };
    return;
  }
  const { name: _n, ...args } = first.action!;
  yield { type: 'thought', text: `doing ${name}${Object.keys(args).length ? ` ${JSON.stringify(args)}` : ''}` };
  const result = yield* act(o.host, name as ActionName, args);
  req.messages = [...req.messages, { role: 'assistant', text: first.raw }, { role: 'user', text: `Result of ${name}:\n${result}\n\nNow tell the user what happened, as JSON with "answer" and {"name": "none"} as action.` }];
  if (first.answer) yield { type: 'token', text: '\n' };
  const second = yield* ask(client, req, retry, o.signal);
  yield { type: 'done', answer: [first.answer, second.answer].filter(Boolean).join('\n') || result };
}

interface Reply {
  thought?: string;
  answer: string;
  action?: { name: string; [k: string]: unknown };
  raw: string;
}

/** One model turn: the answer streams out as tokens while the JSON around it is still arriving. */
async function* ask(client: ModelProvider, req: ModelRequest, retry: RetryPolicy, signal?: AbortSignal): AsyncGenerator<ChatEvent, Reply> {
  for (let attempt = 0; ; attempt++) {
    const answer = new AnswerStream();
    let raw = '';
    try {
      for await (const chunk of client.stream(req)) {
        raw += chunk;
        const text = answer.push(chunk);
        if (text) yield { type: 'token', text };
      }
      return parseReply(raw, answer.text);
    } catch (e) {
      const wait = e instanceof ProviderError && e.retriable && !signal?.aborted && attempt < retry.retries ? backoffMs(retry, attempt, e.opts.retryAfterMs) : undefined;
      if (wait === undefined) throw e;
      yield { type: 'thought', text: `${messageOf(e)}; retrying in ${(wait / 1000).toFixed(1)} s` };
      await sleep(wait, signal);
    }
  }
}

function parseReply(raw: string, streamed: string): Reply {
  const start = raw.indexOf('{');
  const end = raw.lastIndexOf('}');
  try {
    const v = JSON.parse(raw.slice(start, end + 1)) as Partial<Reply>;
    const action = v.action && typeof v.action === 'object' && typeof v.action.name === 'string' ? v.action : undefined;
    return { thought: typeof v.thought === 'string' ? v.thought : undefined, answer: typeof v.answer === 'string' ? v.answer : streamed, action, raw };
  } catch {
    // Not JSON after all (a model that ignored the format): its text is the answer.
    return { answer: streamed || raw.trim(), raw };
  }
}

/**
 * Pulls the value of the top-level "answer" field out of JSON that is still arriving,
 * decoding escapes, so the user reads the answer while the model writes it.
 */
export class AnswerStream {
  text = '';
  private buf = '';
  private at = -1;
  private done = false;

  push(chunk: string): string {
    if (this.done) return '';
    this.buf += chunk;
    if (this.at < 0) {
      const m = /"answer"\s*:\s*"/.exec(this.buf);
      if (!m) return '';
      this.at = m.index + m[0].length;
    }
    let out = '';
    let i = this.at;
    while (i < this.buf.length) {
      const c = this.buf[i]!;
      if (c === '"') {
        this.done = true;
        i++;
        break;
      }
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = this.buf[i + 1];
      if (e === undefined) break;
      if (e === 'u') {
        const hex = this.buf.slice(i + 2, i + 6);
        if (hex.length < 4) break;
        out += String.fromCharCode(parseInt(hex, 16) || 0xfffd);
        i += 6;
        continue;
      }
      out += ({ n: '\n', t: '\t', r: '', b: '', f: '', '"': '"', '\\': '\\', '/': '/' } as Record<string, string>)[e] ?? e;
      i += 2;
    }
    this.at = i;
    this.text += out;
    return out;
  }
}
