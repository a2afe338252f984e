import { at, checkKeys, checkValue, describeValue, isObject, type Ctx } from './check.js';
import { IssueList, type Where } from './errors.js';
import type { SourceMap } from './json.js';
import type { ToolCatalog } from './known-tools.js';
import { appInfo, services } from './normalize-app.js';
import { keyBindings, lifecycle } from './normalize-bindings.js';
import { components } from './normalize-components.js';
import { UiSchema } from './schema.js';
import type { Blueprint } from './types.js';

const TOP_KEYS = ['app', 'services', 'ui', 'templates', 'config'];
const UI_KEYS = ['title', 'layout', 'components', 'lifecycle', 'keys'];

function templates(ctx: Ctx, raw: unknown, where: Where) {
  if (raw === undefined) return;
  if (!isObject(raw)) return ctx.issues.add(where, `"templates" maps names to props objects; got ${describeValue(raw)}`);
  for (const [name, t] of Object.entries(raw)) {
    const w = at(ctx, where, raw, name);
    if (isObject(t)) ctx.templates.set(name, { raw: t, where: w });
    else ctx.issues.add(w, `template "${name}" is an object of props; got ${describeValue(t)}`);
  }
}

/**
 * A parsed JSON value -> the canonical Blueprint, or a BlueprintError listing every issue
 * with its place in the source.
 */
export function normalize(raw: unknown, map: SourceMap, file: string, tools: ToolCatalog): Blueprint {
  const issues = new IssueList(file);
  const root: Where = { pos: map.posOf(raw) ?? { line: 1, col: 1 }, path: null };
  const ctx: Ctx = { issues, map, tools, services: new Map(), config: {}, scope: {}, templates: new Map(), componentCount: 0, nesting: 0 };
  if (!isObject(raw)) {
    issues.add(root, `a Blueprint is a JSON object with "app", "services" and "ui"; got ${describeValue(raw)}`);
    issues.throwIfAny();
  }
  const doc = raw as Record<string, unknown>;
  checkKeys(ctx, doc, root, TOP_KEYS, 'a Blueprint');
  if (doc.config !== undefined) {
    if (isObject(doc.config)) ctx.config = doc.config;
    else issues.add(at(ctx, root, doc, 'config'), `"config" is an object of static values; got ${describeValue(doc.config)}`);
  }
  ctx.scope = { config: ctx.config };
  templates(ctx, doc.templates, at(ctx, root, doc, 'templates'));
  const app = appInfo(ctx, doc.app, at(ctx, root, doc, 'app'));
  const svc = services(ctx, doc.services, at(ctx, root, doc, 'services'));

  const uiWhere = at(ctx, root, doc, 'ui');
  const ui: Blueprint['ui'] = { title: app.name, layout: 'vertical', components: [], lifecycle: {} };
  if (!isObject(doc.ui)) {
    issues.add(uiWhere, doc.ui === undefined ? 'missing "ui": every Blueprint needs "ui": {"title": ..., "components": [...]}' : `"ui" is an object with title and components; got ${describeValue(doc.ui)}`);
  } else {
    const u = doc.ui;
    checkKeys(ctx, u, uiWhere, UI_KEYS, '"ui"');
    if (u.title !== undefined) ui.title = checkValue(ctx, UiSchema.shape.title, u.title, at(ctx, uiWhere, u, 'title')) ?? ui.title;
    if (u.layout !== undefined) ui.layout = checkValue(ctx, UiSchema.shape.layout, u.layout, at(ctx, uiWhere, u, 'layout')) ?? ui.layout;
    if (u.components === undefined) issues.add({ pos: uiWhere.pos, path: { parent: uiWhere.path, key: 'components' } }, 'missing "components": the list of what the window shows');
    else ui.components = components(ctx, u.components, at(ctx, uiWhere, u, 'components'));
    ui.lifecycle = lifecycle(ctx, u.lifecycle, at(ctx, uiWhere, u, 'lifecycle'));
    const keys = keyBindings(ctx, u.keys, at(ctx, uiWhere, u, 'keys'));
    if (keys) ui.keys = keys;
  }
  issues.throwIfAny();
  const out: Blueprint = { app, services: svc, ui };
  if (doc.config !== undefined) out.config = ctx.config;
  return out;
}
