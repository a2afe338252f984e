import { argsOf, capsOf } from '../kernel/introspect.js';
import { CAPABILITIES } from '../kernel/sandbox/capabilities.js';
import { PROFILES } from '../kernel/sandbox/profiles.js';
import { categoryOf, type SyscallDef } from '../kernel/syscall.js';
import { SYSCALLS } from '../kernel/syscalls/index.js';

const esc = (s: string) => s.replace(/\|/g, '\\|');

/** docs/SYSCALLS.md, rendered from the syscall table. */
export function renderSyscalls(table: readonly SyscallDef[] = SYSCALLS as SyscallDef[]): string {
  const byCat = new Map<string, SyscallDef[]>();
  for (const d of table) {
    const c = categoryOf(d.name);
    byCat.set(c, [...(byCat.get(c) ?? []), d]);
  }
  const out: string[] = [
    '# Syscalls',
    '',
    '<!-- Generated from src/kernel/syscalls/ by `npm run docs`. Do not edit by hand. -->',
    '',
    `${table.length} syscalls in ${byCat.size} groups. Call any of them with \`agentos syscall NAME [ARGS…]\`:`,
    'arguments go positionally in the order listed, or as `key=value`, or all at once with `--args \'{json}\'`.',
    'Every call passes one capability check against the calling process\'s grants; failures carry an errno-style code.',
    '',
    ...[...byCat.keys()].map((c) => `- [${c}](#${c}) (${byCat.get(c)!.length})`),
    '',
  ];
  for (const [cat, defs] of byCat) {
    out.push(`## ${cat}`, '');
    for (const d of defs) {
      out.push(`### \`${d.name}\``, '', d.doc, '');
      const args = argsOf(d);
      if (args.length) {
        out.push('| argument | type | required | default | meaning |', '|---|---|---|---|---|');
        for (const a of args) out.push(`| \`${a.name}\` | ${esc(a.type)} | ${a.required ? 'yes' : 'no'} | ${a.default === undefined ? '' : `\`${JSON.stringify(a.default)}\``} | ${esc(a.doc)} |`);
        out.push('');
      } else out.push('No arguments.', '');
      const caps = capsOf(d);
      out.push(`Capability: ${caps.length ? caps.map((c) => `\`${c}\``).join(', ') : 'none'}.${d.returns ? ` Returns: ${esc(d.returns)}.` : ''}`, '');
    }
  }
  out.push('## Capabilities', '', '| capability | meaning | scope |', '|---|---|---|');
  for (const [name, c] of Object.entries(CAPABILITIES)) out.push(`| \`${name}\` | ${c.display} | ${c.scope} |`);
  out.push('', '## Profiles', '');
  for (const [name, grants] of Object.entries(PROFILES)) {
    out.push(`- **${name}**: ${grants.map((g) => `${g.deny ? 'deny ' : ''}${g.cap}${g.scope ? ` (${g.scope.join(', ')})` : ''}`).join('; ')}`);
  }
  out.push('');
  return out.join('\n');
}
