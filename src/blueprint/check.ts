import type { z } from 'zod';
import { didYouMean } from '../util/suggest.js';
import type { IssueList, Where } from './errors.js';
import type { SourceMap } from './json.js';
import type { ToolCatalog } from './known-tools.js';
import type { ServiceRef } from './types.js';

/** What every normalizing step shares: the issue list, the source map and what the app declared. */
export interface Ctx {
  issues: IssueList;
  map: SourceMap;
  tools: ToolCatalog;
  /** Declared services by name (filled before the UI is read). */
  services: Map<string, ServiceRef>;
  config: Record<string, unknown>;
  /** What load-time bindings read at the top level: `{config}`. */
  scope: Readonly<Record<string, unknown>>;
  templates: Map<string, { raw: Record<string, unknown>; where: Where }>;
  /** Components made so far: $for can multiply them, so there is a ceiling. */
  componentCount: number;
  /** How deep the component being read is nested (children of children...). */
  nesting: number;
}

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a member of `node` is: its value (or its key) in the source, and its field path. */
export function at(ctx: Ctx, where: Where, node: unknown, key: string | number, atKey = false): Where {
  return { pos: ctx.map.memberPos(node, key, atKey) ?? where.pos, path: { parent: where.path, key } };
}

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v);
  return String(v);
}

const EXPECTED: Record<string, string> = {
  string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false', object: 'an object',
  array: 'a list', record: 'an object', null: 'null', literal: 'a fixed value',
};

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let cur = value;
  for (const k of path) {
    if (typeof cur !== 'object' || cur === null || typeof k === 'symbol') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/** One line a user can act on, from a zod issue about `value`. */
export function issueMessage(issue: z.core.$ZodIssue, value: unknown): string {
  const got = valueAt(value, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (got === undefined) return 'is required';
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describeValue(got)}`;
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v));
      const hint = typeof got === 'string' ? didYouMean(got, issue.values.map(String)) : '';
      return `expected ${options.length === 1 ? options[0] : `one of ${options.join(', ')}`}, got ${describeValue(got)}${hint}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `needs at least ${issue.minimum} items`;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}, got ${describeValue(got)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `takes at most ${issue.maximum} items`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}, got ${describeValue(got)}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message;
  }
}

/**
 * Validates one value with a zod schema, reporting each issue at its place in the source.
 * `asWritten` is the value before load-time substitution, whose members the source map knows.
 */
export function checkValue<T>(ctx: Ctx, schema: z.ZodType<T>, value: unknown, where: Where, asWritten: unknown = value): T | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    let pos = where.pos;
    // Descend into the value for nested issues (an option of a select, a tag of the app).
    if (issue.path.length) pos = ctx.map.deepPos(asWritten, issue.path, pos);
    let path = where.path;
    for (const k of issue.path) if (typeof k !== 'symbol') path = { parent: path, key: k };
    ctx.issues.add({ pos, path }, issueMessage(issue, value));
  }
  return undefined;
}

/**
 * Reports keys of `obj` that are not in `allowed`, with a did-you-mean and, for keys that
 * belong elsewhere, where they go (`hints`). Returns whether all keys were known.
 */
export function checkKeys(ctx: Ctx, obj: Json, where: Where, allowed: readonly string[], what: string, hints: Record<string, string> = {}): boolean {
  let ok = true;
  for (const k of Object.keys(obj)) {
    if (allowed.includes(k)) continue;
    ok = false;
    const hint = Object.hasOwn(hints, k) ? ` (${hints[k]})` : didYouMean(k, allowed);
    const known = allowed.length <= 12 ? `; expected ${allowed.map((a) => `"${a}"`).join(', ')}` : '';
    ctx.issues.add(at(ctx, where, obj, k, true), `unknown key "${k}" in ${what}${hint}${known}`);
  }
  return ok;
}
