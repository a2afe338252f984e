import { z } from 'zod';
import { KernelError } from '../../kernel/errors.js';
import type { ToolContext, ToolDef } from '../../runtime/tools/types.js';
import { didYouMean } from '../../util/suggest.js';
import type { WebContext } from '../context.js';
import { defineRoute } from '../route.js';
import { requireApp } from './apps.js';

/** A tool's service: the one it declares, else its family (`ui.set` -> ui). */
const serviceOf = (t: ToolDef<any>) => t.service ?? t.id.slice(0, t.id.indexOf('.') > 0 ? t.id.indexOf('.') : undefined);

const paramsSchema = (t: ToolDef<any>) => {
  try {
    return z.toJSONSchema(t.params, { io: 'input', unrepresentable: 'any' });
  } catch {
    return { type: 'object' };
  }
};

function services(web: WebContext) {
  const by = new Map<string, ToolDef<any>[]>();
  for (const t of web.runtime.tools()) {
    const s = serviceOf(t);
    if (!by.has(s)) by.set(s, []);
    by.get(s)!.push(t);
  }
  return by;
}

const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1);

/**
 * A tool run outside any app, as the token holder's process: for service tools (storage,
 * filesystem, system, auth) and pure ones (math). Tools that act on a window need an app_id.
 */
async function runStandalone(web: WebContext, def: ToolDef<any>, params: Record<string, unknown>) {
  const parsed = def.params.safeParse(params);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new KernelError('EINVAL', `${def.id}: ${i.path.join('.') || 'params'}: ${i.message.replace(/^Invalid input: /, '')}`);
  }
  const state = new Map<string, unknown>();
  const ctx: ToolContext = {
    appId: 'web',
    instanceId: 'web',
    pid: web.pid,
    syscall: (name, args) => web.kernel.syscall(web.pid, name, args ?? {}),
    state: {
      get: (k) => state.get(k),
      set: (k, v) => void state.set(k, v),
      delete: (k) => void state.delete(k),
      all: () => Object.fromEntries(state),
    },
    event: { event: 'call' },
  };
  Object.defineProperty(ctx, 'desktop', {
    get() {
      throw new KernelError('EINVAL', `${def.id} acts on an app's window: give the app_id of a running app`);
    },
  });
  return { result: (await def.run(ctx, parsed.data)) ?? null, state: Object.fromEntries(state) };
}

export const serviceRoutes = [
  defineRoute({
    method: 'GET',
    path: '/services',
    doc: 'Every service and tool family with its tools and their parameters (JSON Schema).',
    handler: ({ web }) => ({
      services: [...services(web)].map(([name, tools]) => ({
        name,
        tools: tools.map((t) => ({ id: t.id, doc: t.doc, service: t.service ?? null, params: paramsSchema(t) })),
      })),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/services/discover',
    doc: 'The services and tools that match an intent ("save notes", "fetch a page"), best first.',
    body: z.object({ intent: z.string().min(1).max(2000), limit: z.number().int().min(1).max(100).default(10) }).strict(),
    handler: ({ web, body }) => {
      const want = new Set(words(body.intent));
      const scored = web.runtime
        .tools()
        .map((t) => {
          const hay = words(`${t.id} ${t.doc}`);
          let score = 0;
          for (const w of hay) if (want.has(w)) score += t.id.toLowerCase().includes(w) ? 3 : 1;
          return { t, score };
        })
        .filter((x) => x.score > 0)
        .sort((a, b) => b.score - a.score || a.t.id.localeCompare(b.t.id))
        .slice(0, body.limit);
      const names = [...new Set(scored.map((x) => serviceOf(x.t)))];
      return { intent: body.intent, services: names, tools: scored.map(({ t, score }) => ({ id: t.id, service: serviceOf(t), doc: t.doc, score })) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/services/execute',
    doc: 'Run one tool: {tool_id, params, app_id?}. With app_id it runs as that app (its sandbox, its state); without, as you.',
    body: z.object({ tool_id: z.string().min(1).max(200), params: z.record(z.string(), z.unknown()).default({}), app_id: z.string().max(200).optional() }).strict(),
    handler: async ({ web, body }) => {
      const tools = web.runtime.tools();
      const def = tools.find((t) => t.id === body.tool_id);
      if (!def) throw new KernelError('ENOENT', `no tool "${body.tool_id}"${didYouMean(body.tool_id, tools.map((t) => t.id))}; GET /services lists them`);
      if (body.app_id) {
        requireApp(web, body.app_id);
        await web.runtime.runTool(body.app_id, body.tool_id, body.params);
        return { ok: true, tool_id: body.tool_id, app_id: body.app_id, state: web.runtime.getSnapshot().apps[body.app_id]?.state ?? null };
      }
      return { ok: true, tool_id: body.tool_id, ...(await runStandalone(web, def, body.params)) };
    },
  }),
];
