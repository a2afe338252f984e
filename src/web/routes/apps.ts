import { z } from 'zod';
import { KernelError } from '../../kernel/errors.js';
import type { Desktop } from '../../runtime/types.js';
import { SNAP_ZONES, displayRect, windowState, type Rect } from '../../runtime/windows.js';
import type { WebContext } from '../context.js';
import { defineRoute } from '../route.js';

/** The original's default desktop, for window sizes given in pixels without a viewport. */
const DEFAULT_VIEWPORT = { width: 1440, height: 900 };

const fraction = z.number().min(0).max(1);
const pixels = z.number().finite().min(0).max(100_000);

const WindowBody = z
  .object({
    rect: z.object({ x: fraction, y: fraction, w: fraction, h: fraction }).strict().optional().describe('the floating rectangle, in fractions of the desktop'),
    position: z.object({ x: pixels, y: pixels }).strict().optional().describe('top-left corner in pixels of `viewport` (the original\'s form)'),
    size: z.object({ width: pixels, height: pixels }).strict().optional().describe('size in pixels of `viewport`'),
    viewport: z.object({ width: pixels.min(1), height: pixels.min(1) }).strict().optional().describe('the desktop size the pixels refer to (default 1440×900)'),
    zone: z.enum(SNAP_ZONES).nullable().optional().describe('snap into a zone; null floats it again'),
    state: z.enum(['normal', 'minimized', 'maximized', 'fullscreen']).optional(),
    minimized: z.boolean().optional(),
    maximized: z.boolean().optional(),
  })
  .strict();

export function requireApp(web: WebContext, id: string) {
  const app = web.runtime.getSnapshot().apps[id];
  if (!app) throw new KernelError('ESRCH', `no running app "${id}"; GET /apps lists them`);
  return app;
}

/** One app as GET /apps shows it. */
export function appSummary(d: Desktop, id: string) {
  const a = d.apps[id]!;
  const w = d.windows[id];
  return {
    id: a.id,
    app_id: a.appId,
    title: a.title,
    parent_id: a.parent,
    pid: a.pid,
    focused: d.focused === id,
    state: w ? windowState(w) : 'normal',
    window: w ? { ...(displayRect(w) ?? w.rect), zone: w.zone, mode: w.mode, minimized: w.minimized, floating: w.rect } : null,
    started_at: new Date(a.startedAt).toISOString(),
    errors: a.errors.length,
  };
}

/** Apps below `id` (children first) and `id` itself: what DELETE closes. */
function subtree(d: Desktop, id: string): string[] {
  const out: string[] = [];
  const visit = (cur: string) => {
    for (const a of Object.values(d.apps)) if (a.parent === cur) visit(a.id);
    out.push(cur);
  };
  visit(id);
  return out;
}

export const appRoutes = [
  defineRoute({
    method: 'GET',
    path: '/apps',
    doc: 'Running apps with their window, focus and parent.',
    handler: ({ web }) => {
      const d = web.runtime.getSnapshot();
      return { apps: Object.keys(d.apps).map((id) => appSummary(d, id)), focused: d.focused, count: Object.keys(d.apps).length };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/apps/:id/focus',
    doc: 'Bring an app to the front (and un-minimize it).',
    handler: async ({ web, params }) => {
      requireApp(web, params.id!);
      await web.runtime.focus(params.id!);
      return appSummary(web.runtime.getSnapshot(), params.id!);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/apps/:id/window',
    doc: 'Change a window: rect (fractions) or position/size (pixels), zone, state, minimized, maximized.',
    body: WindowBody,
    handler: ({ web, params, body }) => {
      const id = params.id!;
      requireApp(web, id);
      const w = web.runtime.windows;
      const current = web.runtime.getSnapshot().windows[id]!;
      let rect: Rect | undefined = body.rect;
      if (body.position || body.size) {
        const vp = body.viewport ?? DEFAULT_VIEWPORT;
        const base = displayRect(current) ?? current.rect;
        rect = {
          x: body.position ? body.position.x / vp.width : base.x,
          y: body.position ? body.position.y / vp.height : base.y,
          w: body.size ? body.size.width / vp.width : base.w,
          h: body.size ? body.size.height / vp.height : base.h,
        };
      }
      if (rect) w.place(id, rect);
      if (body.zone) w.snap(id, body.zone);
      else if (body.zone === null && !rect) w.place(id, current.rect);
      const state = body.state ?? (body.minimized ? 'minimized' : body.maximized ? 'maximized' : body.minimized === false || body.maximized === false ? 'normal' : undefined);
      if (state === 'minimized') w.minimize(id);
      else if (state === 'maximized') w.maximize(id);
      else if (state === 'fullscreen') w.fullscreen(id);
      else if (state === 'normal') {
        const now = web.runtime.getSnapshot().windows[id]!;
        if (now.minimized) w.restore(id);
        if (web.runtime.getSnapshot().windows[id]!.mode !== 'normal') w.restore(id);
      }
      return appSummary(web.runtime.getSnapshot(), id);
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/apps/:id',
    doc: 'Close an app and its children (their on_unmount hooks run).',
    handler: async ({ web, params }) => {
      requireApp(web, params.id!);
      const closed = subtree(web.runtime.getSnapshot(), params.id!);
      await web.runtime.close(params.id!);
      return { closed };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/apps/launch',
    doc: 'Start an app by id from the registry or the shipped apps: {app_id, parent_id?}.',
    body: z.object({ app_id: z.string().min(1).max(200), parent_id: z.string().max(200).nullable().optional() }).strict(),
    handler: async ({ web, body }) => {
      const id = await web.launchApp(body.app_id, { parent: body.parent_id ?? null });
      return appSummary(web.runtime.getSnapshot(), id);
    },
  }),
];
