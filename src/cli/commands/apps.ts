import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { BlueprintError, formatIssue, loadBlueprintFile, MAX_BLUEPRINT_BYTES, parseBlueprint, type BlueprintIssue } from '../../blueprint/index.js';
import { isKernelError } from '../../kernel/errors.js';
import { AppRegistry } from '../../runtime/registry/registry.js';
import { appToolTable } from '../../runtime/registry/tool-table.js';
import type { RegistryEntry } from '../../runtime/registry/types.js';
import { stripControls } from '../../util/sanitize.js';
import { openKernel, type KernelClient } from '../boot.js';
import { ExitError, UsageError } from '../errors.js';
import { outFor, print, table } from '../output.js';

interface Opts {
  json?: boolean;
  local?: boolean;
}

/**
 * `agentos apps ...`: the app registry. Reads and writes go through syscalls, to the live
 * kernel when one runs (its desktop's registry notices changed files) or to a private one.
 */
async function withRegistry<T>(opts: Opts, fn: (r: AppRegistry, k: KernelClient) => Promise<T>): Promise<T> {
  const kernel = await openKernel({ local: opts.local });
  try {
    const registry = new AppRegistry({ syscall: (name, args) => kernel.syscall(name, args) });
    for (const p of await registry.seed()) process.stderr.write(`agentos: ${stripControls(p.text, false)} (skipped)\n`);
    return await fn(registry, kernel);
  } finally {
    await kernel.close();
  }
}

const sourceText = (e: RegistryEntry) => (e.overrides ? `${e.source} (overrides shipped)` : e.source);

export async function list(opts: Opts): Promise<number> {
  const out = outFor(opts);
  return withRegistry(opts, async (registry) => {
    const apps = await registry.list();
    if (out.json) print(apps, out);
    else if (!apps.length) process.stdout.write('no apps (the shipped apps folder is missing?)\n');
    else process.stdout.write(table(apps.map((a) => ({ id: a.id, name: stripControls(a.name, false), category: a.category ?? '-', source: sourceText(a) })), ['id', 'name', 'category', 'source']) + '\n');
    return 0;
  });
}

export async function show(id: string, opts: Opts): Promise<number> {
  const out = outFor(opts);
  return withRegistry(opts, async (registry) => {
    const bp = await registry.load(id);
    const entry = registry.get(id)!;
    if (out.json) {
      print({ ...entry, blueprint: bp }, out);
      return 0;
    }
    let components = 0;
    const count = (list: readonly { children?: unknown[] }[]) => {
      for (const c of list) {
        components++;
        if (Array.isArray(c.children)) count(c.children as { children?: unknown[] }[]);
      }
    };
    count(bp.ui.components);
    print(
      {
        id: entry.id,
        name: entry.name,
        description: entry.description ?? '-',
        icon: entry.icon ?? '-',
        category: entry.category ?? '-',
        source: sourceText(entry),
        file: entry.file,
        version: entry.version ?? '-',
        tags: entry.tags?.join(', ') || '-',
        permissions: bp.app.permissions?.join(', ') || 'MINIMAL (none declared)',
        services: bp.services.map((s) => (s.tools ? `${s.name} (${s.tools.join(', ')})` : s.name)).join(', ') || '-',
        components,
        keys: Object.keys(bp.ui.keys ?? {}).join(' ') || '-',
      },
      out,
    );
    return 0;
  });
}

interface Checked {
  file: string;
  valid: boolean;
  app?: string;
  issues: BlueprintIssue[];
}

export async function validate(files: string[], opts: Opts): Promise<number> {
  if (!files.length) throw new UsageError('which files? `agentos apps validate FILE…`');
  const out = outFor(opts);
  const knownTools = await appToolTable();
  const results: Checked[] = files.map((file) => {
    try {
      const bp = loadBlueprintFile(file, { knownTools });
      return { file, valid: true, app: bp.app.id, issues: [] };
    } catch (e) {
      if (e instanceof BlueprintError) return { file, valid: false, issues: e.issues };
      throw e;
    }
  });
  if (out.json) print(results, out);
  else {
    for (const r of results) {
      if (r.valid) process.stdout.write(`${r.file}: ok (${r.app})\n`);
      else for (const i of r.issues) process.stdout.write(stripControls(formatIssue(i), false) + '\n');
    }
  }
  return results.every((r) => r.valid) ? 0 : 1;
}

/** A Blueprint file from the host, checked for size before it is read. */
function readHostFile(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UsageError(`${file} is a directory, not a Blueprint file`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (size > MAX_BLUEPRINT_BYTES) throw new ExitError(`${file}:1:1 (root): the file is ${Math.ceil(size / 1024)} KB, over the ${MAX_BLUEPRINT_BYTES / 1024} KB limit for a Blueprint`, 1);
  return readFileSync(file, 'utf8');
}

export async function importApp(file: string, opts: Opts & { generated?: boolean }): Promise<number> {
  const out = outFor(opts);
  const text = readHostFile(file);
  // Checked against every tool first, so a typo in a tool id never reaches the registry.
  try {
    parseBlueprint(text, file, { knownTools: await appToolTable() });
  } catch (e) {
    if (e instanceof BlueprintError) throw new ExitError(e.issues.map((i) => stripControls(formatIssue(i), false)).join('\nagentos: '), 1);
    throw e;
  }
  return withRegistry(opts, async (registry) => {
    const entry = await registry.save(text, { source: opts.generated ? 'generated' : 'saved', file });
    if (out.json) print(entry, out);
    else process.stdout.write(`imported ${entry.id} as a ${entry.source} app (${entry.file})${entry.overrides ? `; it overrides the shipped ${entry.id} until \`agentos apps rm ${entry.id}\`` : ''}\n`);
    return 0;
  });
}

export async function exportApp(id: string, opts: Opts & { out?: string; force?: boolean }): Promise<number> {
  return withRegistry(opts, async (registry) => {
    const { entry, text } = await registry.source(id);
    if (!opts.out) {
      if (opts.json) print({ ...entry, text }, outFor(opts));
      else process.stdout.write(text);
      return 0;
    }
    if (existsSync(opts.out) && !opts.force) throw new UsageError(`${opts.out} exists; pass --force to replace it`);
    writeFileSync(opts.out, text);
    if (opts.json) print({ ...entry, out: opts.out, bytes: Buffer.byteLength(text) }, outFor(opts));
    else process.stdout.write(`exported ${entry.id} (${entry.source}) to ${opts.out}\n`);
    return 0;
  });
}

export async function rm(id: string, opts: Opts): Promise<number> {
  const out = outFor(opts);
  return withRegistry(opts, async (registry) => {
    const r = await registry.remove(id);
    if (out.json) print(r, out);
    else process.stdout.write(`removed ${r.removed} app ${r.id} (${r.file})${r.restored ? `; the shipped ${r.id} is back` : ''}\n`);
    return 0;
  });
}

export async function launch(id: string, opts: Opts): Promise<number> {
  const out = outFor(opts);
  const kernel = await openKernel({ local: opts.local });
  try {
    if (!kernel.live) {
      // Say whether the app exists at all before saying where it could run.
      const registry = new AppRegistry({ syscall: (name, args) => kernel.syscall(name, args) });
      await registry.load(id);
      throw new ExitError(`no desktop is running to open ${id} in: start one with \`agentos shell\`, or run the app on its own with \`agentos run ${id}\``, 1);
    }
    // The desktop's own apps.launch answers at least {id}: the new window's instance id.
    let r: { id: string; app?: string; pid?: number | null };
    try {
      r = await kernel.call('apps.launch', { id });
    } catch (e) {
      if (isKernelError(e) && e.code === 'ENOSYS' && /unknown method/.test(e.message)) {
        throw new ExitError(`the live kernel runs no desktop to open ${id} in (\`agentos serve --no-web\`?): start \`agentos shell\`, or run the app on its own with \`agentos run ${id}\``, 1);
      }
      throw e;
    }
    if (out.json) print({ app: id, ...r }, out);
    else process.stdout.write(`opened ${id} on the desktop (window ${r.id}${r.pid ? `, pid ${r.pid}` : ''})\n`);
    return 0;
  } finally {
    await kernel.close();
  }
}
