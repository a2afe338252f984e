import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for the model providers, speaking their real wire formats, so the real
 * SDK (Gemini) and our fetch client (OpenAI-compatible) are what the tests drive.
 *
 * Each request takes the next step of a script:
 * - `{answer}`: stream this text in `pieces` SSE events, then end properly;
 * - `{status, body?, headers?}`: an HTTP error as the provider sends it;
 * - `{drop}`: stream the first part of this text, then cut the connection.
 *
 * No test framework in here: the benchmarks use it too (first_component_ms). Tests import
 * fake-servers.ts, which closes each server after its test.
 */
export type Step = { answer: string; pieces?: number } | { status: number; body?: unknown; headers?: Record<string, string> } | { drop: string };

export interface FakeServer {
  url: string;
  /** Each request: method, path and parsed JSON body. */
  requests: { method: string; path: string; headers: http.IncomingHttpHeaders; body: any }[];
  close(): Promise<void>;
}

function split(text: string, pieces: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / pieces));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

type Streamed = Exclude<Step, { status: number }>;
type Handler = (step: Streamed, req: http.IncomingMessage, res: http.ServerResponse, body: any) => void | Promise<void>;
/** Answers a request itself (without using a step of the script) when it returns true. */
type Refuse = (req: http.IncomingMessage, res: http.ServerResponse, body: any) => boolean;

async function serve(script: Step[], handle: Handler, refuse?: Refuse): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  let n = 0;
  const server = http.createServer(async (req, res) => {
    let raw = '';
    for await (const c of req) raw += c;
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      body = raw;
    }
    requests.push({ method: req.method!, path: req.url!, headers: req.headers, body });
    if (refuse?.(req, res, body)) return;
    const step = script[Math.min(n++, script.length - 1)]!;
    if ('status' in step) {
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(JSON.stringify(step.body ?? { error: { message: `status ${step.status}` } }));
      return;
    }
    await handle(step, req, res, body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close };
}

const pause = () => new Promise((r) => setImmediate(r));

/** Gemini: POST /v1beta/models/{model}:streamGenerateContent?alt=sse, `data: {candidates...}` events. */
export function startFakeGemini(script: Step[]): Promise<FakeServer> {
  const event = (text: string, last: boolean) =>
    `data: ${JSON.stringify({
      candidates: [{ content: { role: 'model', parts: [{ text }] }, ...(last ? { finishReason: 'STOP' } : {}), index: 0 }],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
      modelVersion: 'fake',
    })}\r\n\r\n`;
  return serve(script, async (step, req, res) => {
    if (!/^\/v1beta\/models\/[^/:]+:streamGenerateContent\?alt=sse$/.test(req.url!)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 404, message: `no route ${req.url}`, status: 'NOT_FOUND' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    if ('drop' in step) {
      res.write(event(step.drop.slice(0, Math.floor(step.drop.length / 2)), false));
      await pause();
      res.socket?.destroy();
      return;
    }
    const parts = split(step.answer, step.pieces ?? 6);
    for (const [i, p] of parts.entries()) {
      res.write(event(p, i === parts.length - 1));
      await pause();
    }
    res.end();
  });
}

/** OpenAI-compatible: POST /v1/chat/completions, `chat.completion.chunk` events, then `data: [DONE]`. */
export function startFakeOpenAI(script: Step[], opts: { rejectJsonSchema?: boolean } = {}): Promise<FakeServer> {
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const refuse: Refuse = (req, res, body) => {
    if (req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.url}` } }));
      return true;
    }
    if (opts.rejectJsonSchema && body?.response_format?.type === 'json_schema') {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'response_format json_schema is not supported', type: 'invalid_request_error' } }));
      return true;
    }
    return false;
  };
  return serve(script, async (step, _req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(chunk({ role: 'assistant', content: '' }, null));
    if ('drop' in step) {
      res.write(chunk({ content: step.drop.slice(0, Math.floor(step.drop.length / 2)) }, null));
      await pause();
      res.socket?.destroy();
      return;
    }
    for (const p of split(step.answer, step.pieces ?? 6)) {
      res.write(chunk({ content: p }, null));
      await pause();
    }
    res.write(chunk({}, 'stop'));
    res.write('data: [DONE]\n\n');
    res.end();
  }, refuse);
}
