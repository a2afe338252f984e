import { z } from 'zod';
import { KernelError } from '../../kernel/errors.js';
import { desk } from './common.js';
import { defineTool, type ToolDef } from './types.js';

const instance = z.string().min(1).describe('a running app\'s instance id');
const resultKey = z.string().min(1).optional().describe('also put the result in this state key');

export const APP_TOOLS: ToolDef<any>[] = [
  defineTool({
    id: 'app.spawn',
    doc: 'Open another app as a child of this one: by id (the registry or apps/) or generated from a request.',
    params: () => z.object({
      app_id: z.string().min(1).optional().describe('the app to launch'),
      request: z.string().min(1).max(4000).optional().describe('a sentence to generate an app from'),
      prompt: z.string().min(1).max(4000).optional().describe('same as request'),
      detached: z.boolean().default(false).describe('open it as a top-level app, not a child'),
      key: resultKey,
    }),
    async run(ctx, p) {
      const prompt = p.request ?? p.prompt;
      if (!p.app_id && !prompt) throw new KernelError('EINVAL', 'what to open? give "app_id" or "request"');
      const id = await desk(ctx).apps.spawn({ appId: p.app_id, prompt: p.app_id ? undefined : prompt, parent: p.detached ? null : undefined });
      if (p.key) ctx.state.set(p.key, id);
      return id;
    },
  }),
  defineTool({
    id: 'app.close',
    doc: 'Close this app (default) or one it spawned; children close with their parent.',
    params: () => z.object({ app: instance.optional() }),
    async run(ctx, p) {
      await desk(ctx).apps.close(p.app);
      return true;
    },
  }),
  defineTool({
    id: 'app.list',
    doc: 'The running apps: id, app id, title, parent, pid, focused.',
    params: () => z.object({ key: resultKey }),
    run(ctx, p) {
      const list = desk(ctx).apps.list();
      if (p.key) ctx.state.set(p.key, list);
      return list;
    },
  }),
  defineTool({
    id: 'app.focus',
    doc: 'Bring an app\'s window to the front and give it the keyboard.',
    params: () => z.object({ app: instance }),
    async run(ctx, p) {
      await desk(ctx).apps.focus(p.app);
      return true;
    },
  }),
  defineTool({
    id: 'app.save_state',
    doc: 'Save this app\'s state, to load on a later launch.',
    params: () => z.object({}),
    run: (ctx) => desk(ctx).apps.saveState(),
  }),
  defineTool({
    id: 'app.load_state',
    doc: 'Load what app.save_state saved into this app\'s state (keys not saved are kept).',
    params: () => z.object({}),
    async run(ctx) {
      const saved = await desk(ctx).apps.loadState();
      if (!saved) return false;
      for (const [k, v] of Object.entries(saved)) ctx.state.set(k, v);
      return true;
    },
  }),
];
