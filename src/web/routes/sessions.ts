import { z } from 'zod';
import { KernelError } from '../../kernel/errors.js';
import type { WebContext } from '../context.js';
import { defineRoute } from '../route.js';

function sessions(web: WebContext) {
  if (!web.sessions) throw new KernelError('ENOSYS', 'sessions need the session store, which this server runs without');
  return web.sessions;
}

const DEFAULT_NAME = 'default';

export const sessionRoutes = [
  defineRoute({
    method: 'POST',
    path: '/sessions/save',
    doc: 'Save the workspace (apps, state, windows, focus, chat): {name, description?}.',
    body: z.object({ name: z.string().min(1).max(200), description: z.string().max(2000).optional() }).strict(),
    handler: ({ web, body }) => sessions(web).save(body.name, body.description),
  }),
  defineRoute({
    method: 'POST',
    path: '/sessions/save-default',
    doc: 'Save the workspace under the default name.',
    handler: ({ web }) => sessions(web).save(DEFAULT_NAME),
  }),
  defineRoute({
    method: 'GET',
    path: '/sessions',
    doc: 'Saved sessions.',
    handler: async ({ web }) => ({ sessions: await sessions(web).list() }),
  }),
  defineRoute({
    method: 'GET',
    path: '/sessions/:id',
    doc: 'One saved session with its workspace.',
    handler: ({ web, params }) => sessions(web).get(params.id!),
  }),
  defineRoute({
    method: 'POST',
    path: '/sessions/:id/restore',
    doc: 'Restore a saved session (parents before children; ids remapped).',
    handler: ({ web, params }) => sessions(web).restore(params.id!),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/sessions/:id',
    doc: 'Delete a saved session.',
    handler: async ({ web, params }) => {
      await sessions(web).remove(params.id!);
      return { deleted: params.id };
    },
  }),
];
