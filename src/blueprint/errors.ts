import type { Pos } from './json.js';
import { escapeControls } from '../util/sanitize.js';

/** One problem in a Blueprint: where it is (file, line, column, field path) and what is wrong. */
export interface BlueprintIssue {
  file: string;
  line: number;
  col: number;
  /** The field path in the source, e.g. `ui.components[2].type`; `(root)` for the whole file. */
  path: string;
  message: string;
}

export const formatIssue = (i: BlueprintIssue) => `${i.file}:${i.line}:${i.col} ${i.path}: ${i.message}`;

/** A Blueprint that cannot load. Its message is one line per issue, in source order. */
export class BlueprintError extends Error {
  override readonly name = 'BlueprintError';
  constructor(readonly issues: BlueprintIssue[]) {
    super(issues.map(formatIssue).join('\n'));
  }

  toJSON() {
    return { name: this.name, message: this.message, issues: this.issues };
  }
}

export const isBlueprintError = (e: unknown): e is BlueprintError => e instanceof BlueprintError;

/**
 * A field path as a linked list: extending it is O(1) and it is only turned into text when
 * an issue is reported, so a clean parse pays nothing for it.
 */
export interface Path {
  readonly parent: Path | null;
  readonly key: string | number;
}

const SIMPLE_KEY = /^[A-Za-z_$][\w$-]*$/;

export function pathText(p: Path | null): string {
  const keys: (string | number)[] = [];
  for (let n = p; n; n = n.parent) keys.push(n.key);
  if (!keys.length) return '(root)';
  let out = '';
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    if (typeof k === 'number') out += `[${k}]`;
    else if (SIMPLE_KEY.test(k)) out += out ? `.${k}` : k;
    else out += `[${JSON.stringify(k)}]`;
  }
  return out;
}

/** A place in the source: a position and the field path that leads there. */
export interface Where {
  pos: Pos;
  path: Path | null;
}

/** More than this many issues and the rest are noise; the user fixes these first. */
export const MAX_ISSUES = 50;

/** Collects issues while a Blueprint is checked, so one run reports every problem it can. */
export class IssueList {
  readonly list: BlueprintIssue[] = [];
  // A mistake inside a $for body is made once per copy but reported once.
  private readonly seen = new Set<string>();
  constructor(readonly file: string) {}

  add(where: Where, message: string) {
    if (this.list.length >= MAX_ISSUES) return;
    // Messages quote what the file said, which may hold newlines or escape sequences.
    const issue = { file: this.file, line: where.pos.line, col: where.pos.col, path: escapeControls(pathText(where.path)), message: escapeControls(message) };
    const key = formatIssue(issue);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(issue);
  }

  get count() {
    return this.list.length;
  }

  /** Throws the collected issues, sorted by position, if there are any. */
  throwIfAny() {
    if (!this.list.length) return;
    const sorted = [...this.list].sort((a, b) => a.line - b.line || a.col - b.col);
    throw new BlueprintError(sorted);
  }
}
