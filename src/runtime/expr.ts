import type { EvalFunction, MathJsInstance, MathNode } from 'mathjs';

/**
 * Expressions in apps (`ui.set {expression}`, ui.compute on "7×3") go through mathjs, never
 * through eval. The instance follows mathjs's security advice: the functions that parse,
 * import or define new things are disabled inside expressions, and assignments are refused,
 * so an expression can read its scope but never change it or the parser.
 *
 * mathjs is large (about half a second to load on a busy machine), so it loads on first use:
 * `loadMath()` once, then everything here is synchronous.
 */
let math: MathJsInstance | undefined;
let parse: MathJsInstance['parse'] | undefined;
let loading: Promise<MathJsInstance> | undefined;

export const mathLoaded = () => math !== undefined;

export function loadMath(): Promise<MathJsInstance> {
  return (loading ??= import('mathjs').then(({ create, all }) => {
    const m = create(all);
    const p = m.parse.bind(m);
    const disabled = (name: string) => () => {
      throw new Error(`${name} is not available in expressions`);
    };
    m.import(Object.fromEntries(['import', 'createUnit', 'reviver', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve'].map((n) => [n, disabled(n)])), { override: true });
    parse = p;
    math = m;
    return m;
  }));
}

function ready(): MathJsInstance {
  if (!math) throw new Error('expressions are not loaded yet (await loadMath() first)');
  return math;
}

const REFUSED = new Set(['AssignmentNode', 'FunctionAssignmentNode', 'BlockNode']);
/** Names that reach the parser, settings or the type system: refused even though some are disabled. */
const FORBIDDEN = new Set(['import', 'createUnit', 'reviver', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve', 'config', 'typed', 'chain', 'help', 'parser', 'rationalize']);
const MAX_LENGTH = 2000;
const CACHE_MAX = 1000;
const cache = new Map<string, EvalFunction>();

/** Compiled once per distinct expression text (apps evaluate the same few over and over). */
export function compileExpression(text: string): EvalFunction {
  const hit = cache.get(text);
  if (hit) return hit;
  ready();
  if (text.length > MAX_LENGTH) throw new Error(`expression longer than ${MAX_LENGTH} characters`);
  const node: MathNode = parse!(text);
  node.traverse((n) => {
    if (REFUSED.has(n.type)) throw new Error('expressions cannot assign values or hold several statements');
    if (n.type === 'SymbolNode' && FORBIDDEN.has((n as unknown as { name: string }).name)) throw new Error(`"${(n as unknown as { name: string }).name}" is not available in expressions`);
  });
  const compiled = node.compile();
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(text, compiled);
  return compiled;
}

export function evaluate(text: string, scope: Record<string, unknown> = {}): unknown {
  return compileExpression(text).evaluate({ ...scope });
}

/** Calculator text as typed (×, ÷, −, unicode minus) into mathjs syntax. */
export function normalizeArithmetic(text: string): string {
  return text.replace(/×/g, '*').replace(/÷/g, '/').replace(/[−–]/g, '-');
}

/** Significant digits a display shows: enough for any real result, few enough to drop float noise. */
const DISPLAY_DIGITS = 14;

/**
 * A number as a calculator shows it: 100000, not 1e+5; 0.3 for 0.1+0.2 (rounded to 14
 * significant digits, trailing zeros dropped); an exponent only for the very large
 * (≥ 1e21) or very small (< 1e-7), as JavaScript's own number text does.
 */
export function displayNumber(value: number): string {
  if (!Number.isFinite(value)) return 'Error';
  const rounded = Number(value.toPrecision(DISPLAY_DIGITS));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/**
 * ui.compute's arithmetic: the result as display text, or "Error" for anything that is not
 * a finite result (bad syntax, division by zero, unknown names).
 */
export function computeDisplay(text: string): string {
  const src = normalizeArithmetic(String(text)).trim();
  if (!src) return '0';
  const math = ready();
  try {
    const value = evaluate(src);
    if (typeof value === 'number') return displayNumber(value);
    if (typeof value === 'boolean') return String(value);
    if (value === undefined || value === null || typeof value === 'function') return 'Error';
    const out = math.format(value, { precision: DISPLAY_DIGITS, lowerExp: -7, upperExp: 21 });
    return /Infinity|NaN/.test(out) ? 'Error' : out;
  } catch {
    return 'Error';
  }
}
