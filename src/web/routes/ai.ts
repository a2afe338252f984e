import { z } from 'zod';
import { runGeneration } from '../generation.js';
import { defineRoute } from '../route.js';

const Context = z.object({ parent_id: z.string().max(200).nullable().optional() }).catchall(z.unknown());

export const aiRoutes = [
  defineRoute({
    method: 'POST',
    path: '/generate-ui',
    doc: 'Generate an app from a sentence and launch it (non-streaming; /stream streams): {message, context?, parent_id?}.',
    body: z.object({ message: z.string().max(100_000), context: Context.optional(), parent_id: z.string().max(200).nullable().optional() }).strict(),
    handler: async ({ web, body }) => {
      const g = await runGeneration(web, body.message, { parent: body.parent_id ?? body.context?.parent_id ?? null });
      return { app_id: g.app_id, ui_spec: g.ui_spec, thoughts: g.thoughts, provider: g.provider, model: g.model, cached: g.cached, generation_id: g.generation_id };
    },
  }),
];
