import { describe, expect, it } from 'vitest';
import { AnswerStream, chat } from '../../src/ai/chat/chat.js';
import { matchIntent } from '../../src/ai/chat/intents.js';
import type { ChatEvent, ChatHost } from '../../src/ai/chat/types.js';
import { providerFor, chooseProvider } from '../../src/ai/settings.js';
import { templateApp } from '../../src/ai/templates/index.js';
import { fakeOpenAI } from './fake-servers.js';

function fakeHost(opts: { desktop?: boolean } = {}) {
  const calls: string[] = [];
  const host: ChatHost = {
    async listApps() {
      return { running: opts.desktop ? [{ id: 'notes', name: 'Notes', source: 'running' }] : null, available: [{ id: 'calculator', name: 'Calculator', source: 'shipped' }, { id: 'notes', name: 'Notes', source: 'shipped' }] };
    },
    async openApp(id) {
      if (!opts.desktop) throw new Error('opening apps needs the desktop');
      calls.push(`open ${id}`);
      return `Opened ${id}.`;
    },
    async closeApp(id) {
      calls.push(`close ${id}`);
      return `Closed ${id}.`;
    },
    async generateApp(prompt) {
      calls.push(`generate ${prompt}`);
      return { blueprint: templateApp(prompt).blueprint, savedAs: '/home/apps/x.bp' };
    },
    commands: [{ name: 'ps', usage: 'ps', summary: 'the process table', examples: ['agentos ps'] }],
    syscalls: [{ name: 'fs.read', summary: 'Read a whole file.' }],
  };
  return { host, calls };
}

async function talk(message: string, o: Parameters<typeof chat>[1]) {
  const events: ChatEvent[] = [];
  for await (const e of chat(message, o)) events.push(e);
  const done = events.find((e) => e.type === 'done') as Extract<ChatEvent, { type: 'done' }> | undefined;
  return { events, answer: done?.answer ?? '', streamed: events.filter((e) => e.type === 'token').map((e) => e.text).join('') };
}

describe('the chat, offline', () => {
  it('understands the intents it acts on', () => {
    const intent = (m: string) => matchIntent(m)?.intent.id;
    expect(intent('open the calculator app')).toBe('open');
    expect(intent('close notes')).toBe('close');
    expect(intent('what apps do I have?')).toBe('list');
    expect(intent('make me a stopwatch with laps')).toBe('generate');
    expect(intent('I need an app to track my plants')).toBe('generate');
    expect(intent('what does agentos ps do?')).toBe('explain');
    expect(intent('explain fs.read')).toBe('explain');
    expect(intent('help')).toBe('help');
    expect(matchIntent('open calculator')!.args).toEqual({ id: 'calculator' });
  });

  it('generates, lists, explains, and says why it cannot open an app without a desktop', async () => {
    const { host, calls } = fakeHost();
    expect((await talk('make me a stopwatch with laps', { host })).answer).toMatch(/Made "Stopwatch".*Saved as/);
    expect(calls).toEqual(['generate stopwatch with laps']);
    expect((await talk('list my apps', { host })).answer).toMatch(/Calculator \(calculator\)/);
    expect((await talk('what does ps do?', { host })).answer).toMatch(/agentos ps: the process table[\s\S]*agentos ps/);
    expect((await talk('explain fs.read', { host })).answer).toMatch(/syscall fs.read: Read a whole file/);
    const open = await talk('open calculator', { host });
    expect(open.answer).toMatch(/needs the desktop/);
    expect(open.events.find((e) => e.type === 'action')).toMatchObject({ name: 'open_app', ok: false });
    expect((await talk('open spreadsheet', { host })).answer).toMatch(/don't know an app called "spreadsheet"/);
  });

  it('opens and closes apps when there is a desktop', async () => {
    const { host, calls } = fakeHost({ desktop: true });
    expect((await talk('open the calculator', { host })).answer).toBe('Opened calculator.');
    expect((await talk('close notes', { host })).answer).toBe('Closed notes.');
    expect(calls).toEqual(['open calculator', 'close notes']);
  });

  it('offers what it can do when it does not understand', async () => {
    const r = await talk('qwerty', { host: fakeHost().host });
    expect(r.answer).toMatch(/I can:/);
    expect(r.streamed).toBe(r.answer);
  });
});

describe('the chat, with a model', () => {
  it('streams the answer, takes the action the model picks, and reports back', async () => {
    const server = await fakeOpenAI([
      { answer: JSON.stringify({ thought: 'they want a timer', answer: 'Making a timer for you.', action: { name: 'generate_app', prompt: 'a kitchen timer' } }), pieces: 9 },
      { answer: JSON.stringify({ answer: 'Done: "Timer" is saved.', action: { name: 'none' } }) },
    ]);
    const { host, calls } = fakeHost();
    const client = await providerFor(chooseProvider({ provider: 'openai' }, { AGENTOS_OPENAI_BASE_URL: `${server.url}/v1` }, {}));
    const r = await talk('I would like a kitchen timer', { host, client, model: 'm' });
    expect(calls).toEqual(['generate a kitchen timer']);
    expect(r.events.filter((e) => e.type === 'thought').map((e) => e.text)).toContain('they want a timer');
    expect(r.answer).toBe('Making a timer for you.\nDone: "Timer" is saved.');
    expect(r.streamed).toContain('Making a timer');
    expect(JSON.stringify(server.requests[1]!.body)).toContain('Result of generate_app');
  });

  it('takes a model that ignores the format at its word', async () => {
    const server = await fakeOpenAI([{ answer: 'Just plain text.' }]);
    const client = await providerFor(chooseProvider({ provider: 'openai' }, { AGENTOS_OPENAI_BASE_URL: `${server.url}/v1` }, {}));
    expect((await talk('hi', { host: fakeHost().host, client })).answer).toBe('Just plain text.');
  });
});

describe('the answer stream', () => {
  it('decodes the answer field as the JSON arrives, escapes split across pieces', () => {
    const json = JSON.stringify({ thought: 'x "answer": no', answer: 'line 1\nsaid "hi" \u00e9 \\ end', action: { name: 'none' } });
    const a = new AnswerStream();
    let out = '';
    for (const ch of json) out += a.push(ch);
    expect(out).toBe('line 1\nsaid "hi" é \\ end');
  });
});
