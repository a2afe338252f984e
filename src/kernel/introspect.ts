import { z } from 'zod';
import type { CapSpec, SyscallDef } from './syscall.js';

/** What a syscall argument is, read from its zod schema: for --list, docs, CLI parsing, APIs. */
export interface ArgInfo {
  name: string;
  type: string;
  /** The kind the CLI converts a word into. */
  kind: 'string' | 'number' | 'boolean' | 'json';
  required: boolean;
  default?: unknown;
  doc: string;
}

type AnyDef = { type: string; innerType?: z.ZodType; entries?: Record<string, string>; options?: z.ZodType[]; element?: z.ZodType; values?: unknown[]; defaultValue?: unknown };

const defOf = (t: z.ZodType) => (t as unknown as { _zod: { def: AnyDef } })._zod.def;

export function argInfo(name: string, field: z.ZodType): ArgInfo {
  let t = field;
  let required = true;
  let dflt: unknown;
  let doc = field.description ?? '';
  for (let d = defOf(t); ['optional', 'default', 'nullable', 'prefault'].includes(d.type); d = defOf(t)) {
    if (d.type !== 'nullable') required = false;
    if (d.type === 'default') dflt = typeof d.defaultValue === 'function' ? (d.defaultValue as () => unknown)() : d.defaultValue;
    t = d.innerType!;
    doc ||= t.description ?? '';
  }
  const { type, kind } = typeOf(t);
  return { name, type, kind, required, default: dflt, doc };
}

function typeOf(t: z.ZodType): { type: string; kind: ArgInfo['kind'] } {
  const d = defOf(t);
  switch (d.type) {
    case 'string':
      return { type: 'string', kind: 'string' };
    case 'number':
    case 'int':
    case 'bigint':
      return { type: 'number', kind: 'number' };
    case 'boolean':
      return { type: 'boolean', kind: 'boolean' };
    case 'enum':
      return { type: Object.values(d.entries ?? {}).join('|'), kind: 'string' };
    case 'literal':
      return { type: JSON.stringify(d.values?.[0]), kind: typeof d.values?.[0] === 'number' ? 'number' : 'string' };
    case 'union': {
      const parts = (d.options ?? []).map(typeOf);
      // Types JSON cannot carry (bytes from callers in this process) never come as words.
      const kinds = new Set(parts.filter((p, i) => defOf(d.options![i]!).type !== 'custom').map((p) => p.kind));
      return { type: parts.map((p) => p.type).join('|'), kind: kinds.size === 1 ? [...kinds][0]! : kinds.has('number') && kinds.has('string') ? 'string' : 'json' };
    }
    case 'array':
      return { type: `${typeOf(d.element!).type}[]`, kind: 'json' };
    case 'custom':
      // A type JSON cannot express names itself in its metadata (data-args: `bytes`).
      return { type: String(z.globalRegistry.get(t)?.title ?? 'custom'), kind: 'json' };
    default:
      return { type: d.type === 'record' || d.type === 'object' ? 'object' : d.type, kind: 'json' };
  }
}

export function argsOf(def: SyscallDef): ArgInfo[] {
  return Object.entries(def.args.shape as Record<string, z.ZodType>).map(([n, f]) => argInfo(n, f));
}

/** The capabilities a syscall checks, as far as they can be known without arguments. */
export function capsOf(def: SyscallDef): string[] {
  let specs: CapSpec[] = [];
  try {
    specs = typeof def.caps === 'function' ? def.caps({} as never) : def.caps;
  } catch {
    specs = [];
  }
  return [...new Set(specs.map((s) => s.cap))];
}

/** JSON Schema of a syscall's arguments, for the web API, the AI tool catalog and MCP. */
export const argsJsonSchema = (def: SyscallDef) => z.toJSONSchema(def.args, { io: 'input', unrepresentable: 'any' });

export function signature(def: SyscallDef): string {
  return [def.name, ...argsOf(def).map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`))].join(' ');
}
