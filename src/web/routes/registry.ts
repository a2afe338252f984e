import { z } from 'zod';
import { MAX_BLUEPRINT_BYTES, validateBlueprint } from '../../blueprint/parse.js';
import type { Blueprint } from '../../blueprint/types.js';
import { KernelError } from '../../kernel/errors.js';
import type { WebContext } from '../context.js';
import { HttpError } from '../errors.js';
import { defineRoute } from '../route.js';
import { appSummary, requireApp } from './apps.js';

const noRegistry = () => new KernelError('ENOSYS', 'saving and deleting apps needs the app registry, which this server runs without');

async function blueprintOf(web: WebContext, id: string): Promise<Blueprint> {
  return web.registry ? web.registry.get(id) : web.catalog.load(id);
}

export const registryRoutes = [
  defineRoute({
    method: 'POST',
    path: '/registry/save',
    doc: 'Save an app to the registry: {app_id} of a running app, or {blueprint} (at most 512 KB).',
    body: z
      .object({ app_id: z.string().min(1).max(200).optional(), blueprint: z.record(z.string(), z.unknown()).optional() })
      .strict()
      .refine((b) => !!b.app_id !== !!b.blueprint, { message: 'give either app_id (a running app) or blueprint, not both' }),
    handler: async ({ web, body }) => {
      if (!web.registry) throw noRegistry();
      let bp: Blueprint;
      if (body.app_id) bp = requireApp(web, body.app_id).blueprint;
      else {
        if (Buffer.byteLength(JSON.stringify(body.blueprint)) > MAX_BLUEPRINT_BYTES) throw new HttpError(413, 'E2BIG', `the blueprint is over ${MAX_BLUEPRINT_BYTES / 1024} KB`);
        bp = validateBlueprint(body.blueprint, '<body>');
      }
      const saved = await web.registry.save(bp);
      web.catalogChanged();
      return { saved: true, id: bp.app.id, entry: saved ?? null };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/registry/apps',
    doc: 'Saved and shipped apps: id, name, description, icon, category, source.',
    handler: async ({ web }) => ({ apps: await web.launchable() }),
  }),
  defineRoute({
    method: 'GET',
    path: '/registry/apps/:id',
    doc: 'One app of the registry with its Blueprint.',
    handler: async ({ web, params }) => {
      const bp = await blueprintOf(web, params.id!);
      const entry = (await web.launchable()).find((e) => e.id === params.id);
      return { ...(entry ?? { id: bp.app.id, name: bp.app.name }), blueprint: bp };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/registry/apps/:id/launch',
    doc: 'Launch an app of the registry: {parent_id?}.',
    body: z.object({ parent_id: z.string().max(200).nullable().optional() }).strict().default({}),
    handler: async ({ web, params, body }) => {
      const id = await web.launchApp(params.id!, { parent: body.parent_id ?? null });
      return appSummary(web.runtime.getSnapshot(), id);
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/registry/apps/:id',
    doc: 'Delete a saved app (a shipped app of the same id comes back).',
    handler: async ({ web, params }) => {
      if (!web.registry) throw noRegistry();
      const removed = await web.registry.remove(params.id!);
      web.catalogChanged();
      return { ...(removed && typeof removed === 'object' ? removed : {}), deleted: params.id };
    },
  }),
];
