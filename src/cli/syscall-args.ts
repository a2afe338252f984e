import type { SyscallDef } from '../kernel/syscall.js';
import { argsOf, type ArgInfo } from '../kernel/introspect.js';
import { UsageError } from './errors.js';

/**
 * Turn command-line words into a syscall's named arguments: positional in the order the
 * syscall declares them, `key=value`, or a whole JSON object with --args. Words are
 * converted by the argument's declared kind; the kernel's zod check has the last word.
 */
export function parseCliArgs(def: SyscallDef, words: string[], json?: string): Record<string, unknown> {
  const infos = argsOf(def);
  const byName = new Map(infos.map((a) => [a.name, a]));
  const out: Record<string, unknown> = {};
  if (json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw new UsageError(`--args: not valid JSON (${(e as Error).message}); write an object like '{"path":"/home/a.txt"}'`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`--args: expected a JSON object of named arguments`);
    Object.assign(out, parsed);
  }
  let next = 0;
  for (const word of words) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(word);
    if (m && byName.has(m[1]!)) {
      out[m[1]!] = convert(byName.get(m[1]!)!, m[2]!);
      continue;
    }
    while (next < infos.length && infos[next]!.name in out) next++;
    const info = infos[next++];
    if (!info) {
      const sig = infos.map((a) => a.name).join(' ');
      throw new UsageError(`${def.name} takes ${infos.length ? `at most ${infos.length} argument${infos.length > 1 ? 's' : ''} (${sig})` : 'no arguments'}; "${word}" is one too many (quote text with spaces)`);
    }
    out[info.name] = convert(info, word);
  }
  return out;
}

export function convert(info: ArgInfo, word: string): unknown {
  switch (info.kind) {
    case 'number': {
      const n = Number(word);
      return word.trim() !== '' && Number.isFinite(n) ? n : word;
    }
    case 'boolean':
      if (/^(true|yes|1|on)$/i.test(word)) return true;
      if (/^(false|no|0|off)$/i.test(word)) return false;
      return word;
    case 'json':
      try {
        return JSON.parse(word);
      } catch {
        return info.type.endsWith('[]') ? word.split(',').filter(Boolean) : word;
      }
    default:
      return word;
  }
}
