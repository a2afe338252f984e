import { openSync, closeSync, fstatSync, readSync } from 'node:fs';
import { BlueprintError, pathText, type BlueprintIssue } from './errors.js';
import { JsonSyntaxError, parseJson } from './json.js';
import { knownTools, ToolCatalog, type KnownToolsInput } from './known-tools.js';
import { normalize } from './normalize.js';
import type { Blueprint } from './types.js';
import { escapeControls } from '../util/sanitize.js';

/** The original refused Blueprints over 512 KB; so do we, before parsing a byte. */
export const MAX_BLUEPRINT_BYTES = 512 * 1024;

export interface ParseOptions {
  /** Tool ids (or `{id, service}`) that exist; default: what the runtime registered with setKnownTools. */
  knownTools?: KnownToolsInput;
}

/** One issue; what it quotes from the file (a key with a newline or an escape) stays on its line. */
const oneIssue = (file: string, message: string, line = 1, col = 1, path = '(root)'): BlueprintError =>
  new BlueprintError([{ file, line, col, path: escapeControls(path), message: escapeControls(message) }]);

const tooBig = (file: string, bytes: number) =>
  oneIssue(file, `the file is ${Math.ceil(bytes / 1024)} KB, over the ${MAX_BLUEPRINT_BYTES / 1024} KB limit for a Blueprint`);

/**
 * Parses a Blueprint (.bp / .aiapp JSON, explicit or shorthand form) into the canonical form.
 * Throws BlueprintError with every issue found, each with file:line:col and a field path.
 */
export function parseBlueprint(source: string, file = '<input>', opts: ParseOptions = {}): Blueprint {
  // Each UTF-16 unit is at most 3 UTF-8 bytes, so short sources skip the byte count.
  if (source.length * 3 > MAX_BLUEPRINT_BYTES) {
    const bytes = Buffer.byteLength(source, 'utf8');
    if (bytes > MAX_BLUEPRINT_BYTES) throw tooBig(file, bytes);
  }
  let parsed: ReturnType<typeof parseJson>;
  try {
    parsed = parseJson(source);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const path = pathText(e.path.reduce<Parameters<typeof pathText>[0]>((p, key) => ({ parent: p, key }), null));
    throw oneIssue(file, `bad JSON: ${e.message}`, e.pos.line, e.pos.col, path);
  }
  const tools = opts.knownTools ? new ToolCatalog(opts.knownTools) : knownTools();
  return normalize(parsed.value, parsed.map, file, tools);
}

/** Like parseBlueprint, but returns the issues instead of throwing. */
export function checkBlueprint(source: string, file = '<input>', opts: ParseOptions = {}): { ok: true; blueprint: Blueprint } | { ok: false; issues: BlueprintIssue[] } {
  try {
    return { ok: true, blueprint: parseBlueprint(source, file, opts) };
  } catch (e) {
    if (e instanceof BlueprintError) return { ok: false, issues: e.issues };
    throw e;
  }
}

/**
 * Reads and parses a Blueprint file from the host (the shipped apps/, a path given on the
 * command line). The size is checked before reading. Errors name the file as given.
 */
export function loadBlueprintFile(hostPath: string, opts: ParseOptions = {}): Blueprint {
  let fd: number;
  try {
    fd = openSync(hostPath, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw oneIssue(hostPath, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a Blueprint file' : `cannot open: ${code ?? String(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw oneIssue(hostPath, 'is a directory, not a Blueprint file');
    if (st.size > MAX_BLUEPRINT_BYTES) throw tooBig(hostPath, st.size);
    // Read at most one byte past the limit: a file that grew since the stat is still refused.
    const buf = Buffer.alloc(Math.min(st.size, MAX_BLUEPRINT_BYTES) + 1);
    let n = 0;
    for (let r; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, null)) > 0; ) n += r;
    if (n > MAX_BLUEPRINT_BYTES) throw tooBig(hostPath, n);
    return parseBlueprint(buf.subarray(0, n).toString('utf8'), hostPath, opts);
  } catch (e) {
    if (e instanceof BlueprintError) throw e;
    throw oneIssue(hostPath, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks a Blueprint given as a value (model output, a stored app, an HTTP body) and returns
 * its canonical form. It is laid out as indented JSON so that issues still carry a line and
 * a column, pointing into that layout.
 */
export function validateBlueprint(value: unknown, file = '<blueprint>', opts: ParseOptions = {}): Blueprint {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, null, 2);
  } catch (e) {
    throw oneIssue(file, `not JSON-serializable: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (text === undefined) throw oneIssue(file, `a Blueprint is a JSON object; got ${typeof value}`);
  return parseBlueprint(text, file, opts);
}
