import type { CommandSpec } from './commands.js';

/**
 * A loose command's words read without commander, from its own table entry and with the
 * same meaning; undefined for anything unusual (help, a flag it does not declare), which
 * then goes the normal way.
 */
export function fastPathOf(spec: CommandSpec, argv: string[]): (() => Promise<number | void>) | undefined {
  if (!spec.loose || !spec.action || argv.includes('--help') || argv.includes('-h')) return undefined;
  const parsed = parse(spec, argv.slice(1));
  if (!parsed) return undefined;
  const action = spec.action;
  return () => action(parsed.positionals[0], parsed.positionals.slice(1), parsed.options);
}

function parse(spec: CommandSpec, words: string[]) {
  const flags = new Map<string, { key: string; takesValue: boolean }>();
  for (const [f] of spec.options ?? []) {
    const m = /^--([a-z][a-z-]*)(\s+<[^>]+>)?$/.exec(f);
    if (!m) return undefined;
    flags.set(`--${m[1]}`, { key: m[1]!.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), takesValue: !!m[2] });
  }
  const options: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const eq = w.indexOf('=');
    const name = w.startsWith('--') && eq > 0 ? w.slice(0, eq) : w;
    const flag = flags.get(name);
    if (!flag) {
      if (w.startsWith('--') && !/^--?\d/.test(w) && w !== '--') return undefined;
      positionals.push(w);
      continue;
    }
    if (!flag.takesValue) options[flag.key] = true;
    else if (name !== w) options[flag.key] = w.slice(eq + 1);
    else if (i + 1 < words.length) options[flag.key] = words[++i];
    else return undefined;
  }
  return { options, positionals };
}
