import { didYouMean } from '../util/suggest.js';
import type { z } from 'zod';
import { at, checkKeys, checkValue, describeValue, isObject, type Ctx, type Json } from './check.js';
import type { Where } from './errors.js';
import { verbOf } from './known-tools.js';
import { AppInfoSchema, PERMISSION_NAMES } from './schema.js';
import { CATEGORIES, type AppInfo, type ServiceRef } from './types.js';

const PERMISSIONS: ReadonlySet<string> = new Set(PERMISSION_NAMES);

/** `ReadFile`, `read_file`, `standard` -> `READ_FILE`, `STANDARD`: the original's spellings all load. */
export const canonicalPermission = (s: string) =>
  s.trim().replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[\s-]+/g, '_').toUpperCase();

function permissions(ctx: Ctx, raw: unknown, where: Where): string[] | undefined {
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list)) {
    ctx.issues.add(where, `"permissions" is a list of a profile (MINIMAL, STANDARD, PRIVILEGED) and/or capability names; got ${describeValue(raw)}`);
    return undefined;
  }
  const out: string[] = [];
  list.forEach((p, i) => {
    const w = typeof raw === 'string' ? where : at(ctx, where, list, i);
    if (typeof p !== 'string') return ctx.issues.add(w, `a permission is a name such as "STANDARD" or "READ_FILE"; got ${describeValue(p)}`);
    const name = canonicalPermission(p);
    if (PERMISSIONS.has(name)) {
      if (!out.includes(name)) out.push(name);
    } else ctx.issues.add(w, `unknown permission "${p}"${didYouMean(name, PERMISSION_NAMES)}: use a profile (MINIMAL, STANDARD, PRIVILEGED) or a capability (${PERMISSION_NAMES.slice(3).join(', ')})`);
  });
  return out;
}

const REQUIRED_APP: Record<string, string> = {
  id: 'missing "id": every app needs an id such as "calculator"',
  name: 'missing "name": every app needs a name to show, such as "Calculator"',
};

export function appInfo(ctx: Ctx, raw: unknown, where: Where): AppInfo {
  const out: AppInfo = { id: 'app', name: 'App' };
  if (!isObject(raw)) {
    ctx.issues.add(where, raw === undefined ? 'missing "app": every Blueprint needs "app": {"id": ..., "name": ...}' : `"app" is an object with id and name; got ${describeValue(raw)}`);
    return out;
  }
  const shape = AppInfoSchema.shape;
  checkKeys(ctx, raw, where, Object.keys(shape), '"app"');
  const fields = out as unknown as Json;
  for (const [k, schema] of Object.entries(shape)) {
    let v = raw[k];
    if (v === undefined) {
      if (REQUIRED_APP[k]) ctx.issues.add({ pos: where.pos, path: { parent: where.path, key: k } }, REQUIRED_APP[k]);
      continue;
    }
    const w = at(ctx, where, raw, k);
    if (k === 'permissions') {
      const p = permissions(ctx, v, w);
      if (p) out.permissions = p;
      continue;
    }
    if (k === 'category' && typeof v === 'string' && (CATEGORIES as readonly string[]).includes(v.toLowerCase())) v = v.toLowerCase();
    const r = checkValue(ctx, schema as z.ZodType, v, w);
    if (r !== undefined) fields[k] = r;
  }
  return out;
}

/** The object form's keys besides the tool list, kept as service options. */
function serviceOptions(ctx: Ctx, name: string, raw: Json, where: Where): Pick<ServiceRef, 'tools' | 'config'> {
  const { tools, ...config } = raw;
  const out: Pick<ServiceRef, 'tools' | 'config'> = {};
  if (tools !== undefined && tools !== '*') {
    const list = toolList(ctx, name, tools, at(ctx, where, raw, 'tools'));
    if (list) out.tools = list;
  }
  if (Object.keys(config).length) out.config = config;
  return out;
}

function toolList(ctx: Ctx, service: string, raw: unknown, where: Where): string[] | undefined {
  if (!Array.isArray(raw)) {
    ctx.issues.add(where, `the tools of "${service}" are a list such as ["get", "set"] or "*"; got ${describeValue(raw)}`);
    return undefined;
  }
  const offered = ctx.tools.toolsOf(service);
  const out: string[] = [];
  raw.forEach((t, i) => {
    const w = at(ctx, where, raw, i);
    if (typeof t !== 'string') return ctx.issues.add(w, `a tool of "${service}" is a name such as "get"; got ${describeValue(t)}`);
    const verb = verbOf(t, service);
    if (offered && !offered.includes(verb)) ctx.issues.add(w, `service "${service}" has no tool "${t}"${didYouMean(verb, offered)}; it offers ${offered.join(', ')}`);
    else if (!out.includes(verb)) out.push(verb);
  });
  return out;
}

function serviceName(ctx: Ctx, name: string, where: Where): boolean {
  if (ctx.tools.services.has(name)) return true;
  ctx.issues.add(where, `unknown service "${name}"${didYouMean(name, ctx.tools.services)}; services are ${[...ctx.tools.services].join(', ')}`);
  return false;
}

/** `"storage"`, `{"storage": ["get"]}`, `{"storage": {"tools": [...], ...}}` or `{name, tools}` -> ServiceRef. */
export function services(ctx: Ctx, raw: unknown, where: Where): ServiceRef[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    ctx.issues.add(where, `"services" is a list such as ["storage"] or [{"storage": ["get", "set"]}]; got ${describeValue(raw)}`);
    return [];
  }
  const out: ServiceRef[] = [];
  const add = (ref: ServiceRef, w: Where) => {
    if (!serviceName(ctx, ref.name, w)) return;
    if (ctx.services.has(ref.name)) return ctx.issues.add(w, `service "${ref.name}" is declared twice`);
    ctx.services.set(ref.name, ref);
    out.push(ref);
  };
  raw.forEach((item, i) => {
    const w = at(ctx, where, raw, i);
    if (typeof item === 'string') return add({ name: item }, w);
    if (!isObject(item)) return ctx.issues.add(w, `a service is a name ("storage") or {"storage": ["get", "set"]}; got ${describeValue(item)}`);
    if (typeof item.name === 'string') {
      // The canonical form, as parseBlueprint writes it.
      checkKeys(ctx, item, w, ['name', 'tools', 'config'], 'a service');
      const ref: ServiceRef = { name: item.name };
      if (item.tools !== undefined) {
        const list = toolList(ctx, item.name, item.tools, at(ctx, w, item, 'tools'));
        if (list) ref.tools = list;
      }
      if (isObject(item.config)) ref.config = item.config;
      else if (item.config !== undefined) ctx.issues.add(at(ctx, w, item, 'config'), `"config" is an object of service options; got ${describeValue(item.config)}`);
      return add(ref, w);
    }
    const names = Object.keys(item);
    if (!names.length) return ctx.issues.add(w, 'empty service entry: write "storage" or {"storage": ["get", "set"]}');
    for (const name of names) {
      const v = item[name];
      const vw = at(ctx, w, item, name);
      const kw = at(ctx, w, item, name, true);
      if (v === '*' || v === true || v === null) add({ name }, kw);
      else if (Array.isArray(v)) {
        const tools = toolList(ctx, name, v, vw);
        add(tools ? { name, tools } : { name }, kw);
      } else if (isObject(v)) add({ name, ...serviceOptions(ctx, name, v, vw) }, kw);
      else ctx.issues.add(vw, `the tools of "${name}" are a list such as ["get", "set"], "*", or an object of options; got ${describeValue(v)}`);
    }
  });
  return out;
}
