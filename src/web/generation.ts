import { randomUUID } from 'node:crypto';
import type { Blueprint } from '../blueprint/types.js';
import { KernelError } from '../kernel/errors.js';
import type { WebContext } from './context.js';
import { HttpError } from './errors.js';
import type { ServerMessage } from './protocol.js';

/** What a browser is sent, before the stream stamps it. */
export type Outgoing = ServerMessage extends infer M ? (M extends unknown ? Omit<M, 'timestamp'> : never) : never;

export interface Generated {
  generation_id: string;
  app_id: string;
  ui_spec: Blueprint;
  provider: string;
  model: string;
  cached: boolean;
  thoughts: string[];
}

/** The original refused blueprints over 512 KB; a prompt has no reason to be longer than this. */
export const MAX_PROMPT_CHARS = 8000;

/**
 * A sentence -> a running app, with the original's stream of messages: generation_start,
 * thought, token and generation_token, ui_generated and ui_complete, complete (or error).
 * `emit` gets each as it happens (the WebSocket), and the result is also returned (the
 * non-streaming POST /generate-ui). Failures throw after emitting `error`.
 */
export async function runGeneration(web: WebContext, prompt: string, opts: { parent?: string | null; signal?: AbortSignal; emit?: (m: Outgoing) => void }): Promise<Generated> {
  const emit = opts.emit ?? (() => {});
  const generation_id = randomUUID();
  const started = performance.now();
  const thoughts: string[] = [];
  let provider = 'unknown';
  try {
    if (!prompt.trim()) throw new HttpError(400, 'EINVAL', 'describe the app to build, e.g. "a tip calculator"');
    if (prompt.length > MAX_PROMPT_CHARS) throw new HttpError(413, 'E2BIG', `the prompt is longer than ${MAX_PROMPT_CHARS} characters`);
    if (opts.parent && !web.runtime.getSnapshot().apps[opts.parent]) throw new KernelError('ESRCH', `parent app "${opts.parent}" is not running`);
    emit({ type: 'generation_start', message: prompt, generation_id });
    for await (const ev of web.generate(prompt, { signal: opts.signal })) {
      switch (ev.type) {
        case 'thought':
          thoughts.push(ev.text);
          emit({ type: 'thought', content: ev.text, generation_id });
          break;
        case 'token':
          emit({ type: 'token', content: ev.text, generation_id });
          emit({ type: 'generation_token', content: ev.text, generation_id });
          break;
        case 'component':
          emit({ type: 'ui_component', component: ev.component, index: ev.index, generation_id });
          break;
        case 'error':
          throw new HttpError(ev.code === 'config' ? 400 : ev.code === 'rate_limited' ? 429 : 502, ev.code, ev.message);
        case 'complete': {
          provider = ev.provider;
          const app_id = await web.runtime.launch(ev.blueprint, { parent: opts.parent ?? null });
          emit({ type: 'ui_generated', app_id, ui_spec: ev.blueprint, generation_id });
          emit({ type: 'ui_complete', app_id, ui_spec: ev.blueprint, generation_id });
          emit({ type: 'complete', generation_id, app_id, provider: ev.provider, model: ev.model, cached: ev.cached });
          web.metrics.generation(ev.provider, 'ok', (performance.now() - started) / 1000, ev.cached);
          return { generation_id, app_id, ui_spec: ev.blueprint, provider: ev.provider, model: ev.model, cached: ev.cached, thoughts };
        }
      }
    }
    throw new HttpError(502, 'provider', 'the generator ended without an app');
  } catch (e) {
    web.metrics.generation(provider, 'error', (performance.now() - started) / 1000);
    emit({ type: 'error', error: (e as Error).message, code: (e as { code?: string }).code, generation_id });
    throw e;
  }
}
