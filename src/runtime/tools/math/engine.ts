import type { MathJsInstance, MathNode } from 'mathjs';
import { fail, finite, tidy } from './errors.js';

/**
 * One mathjs instance for every math tool and for expressions in apps. User text is parsed,
 * checked against what an expression may contain, then compiled: never `eval`, never
 * `new Function`, and no way from an expression to reach the parser, the config or imports.
 *
 * mathjs is large (about half a second to load on a busy machine) and most runs never do
 * math, so it loads on first use: every math tool awaits `loadMathEngine()` (math.ts does it
 * for them), then `math` and the rest here are ready and synchronous.
 */
export let math: MathJsInstance;
let parse: MathJsInstance['parse'];
export let simplifyNode: MathJsInstance['simplify'];
export let derivativeNode: MathJsInstance['derivative'];
let loading: Promise<void> | undefined;

export const mathEngineLoaded = () => math !== undefined;

/** Load mathjs once; later calls return the same promise. */
export function loadMathEngine(): Promise<void> {
  return (loading ??= import('mathjs').then(({ create, all }) => {
    const m = create(all, {});
    // Taken before the defence below replaces them inside expressions.
    parse = m.parse;
    simplifyNode = m.simplify;
    derivativeNode = m.derivative;
    /**
     * Defence in depth behind the check in parseExpression, as the mathjs security guide does
     * it: the parser's own entry points throw. Only names no function we use depends on are
     * replaced (mathjs builds functions lazily from these names; `typed` or `config` would break them).
     */
    const disabled = (name: string) => () => {
      throw new Error(`${name} is not available in expressions`);
    };
    m.import(
      Object.fromEntries(['import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve', 'rationalize'].map((n) => [n, disabled(n)])),
      { override: true },
    );
    math = m;
  }));
}

/** Names an expression may not use: they parse, evaluate, change settings or build functions. */
const FORBIDDEN = new Set([
  'import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'simplifyCore', 'simplifyConstant',
  'derivative', 'resolve', 'rationalize', 'config', 'help', 'reviver', 'replacer', 'typed', 'chain',
  'parser', 'symbolicEqual', 'leafCount',
]);

const ALLOWED_NODES = new Set([
  'ConstantNode', 'SymbolNode', 'OperatorNode', 'ParenthesisNode', 'FunctionNode', 'ArrayNode',
  'ConditionalNode', 'RelationalNode', 'RangeNode', 'IndexNode', 'AccessorNode',
]);

/** Parse user text into a checked expression tree; every problem is one clear line. */
export function parseExpression(tool: string, text: string): MathNode {
  if (!math) fail(tool, 'the math engine is not loaded yet (await loadMathEngine() first)');
  let node: MathNode;
  try {
    node = parse(text);
  } catch (e) {
    return fail(tool, `cannot read "${text}": ${(e as Error).message}`);
  }
  node.traverse((n) => {
    if (!ALLOWED_NODES.has(n.type)) {
      const what = n.type === 'AssignmentNode' || n.type === 'FunctionAssignmentNode' ? 'assignments (=)' : n.type === 'BlockNode' ? 'several statements' : n.type;
      fail(tool, `expressions cannot contain ${what}; to solve an equation use math.solve`);
    }
    if (n.type === 'IndexNode' && (n as unknown as { dotNotation: boolean }).dotNotation) fail(tool, 'expressions cannot read properties (a.b)');
    if (n.type === 'SymbolNode') {
      const name = (n as unknown as { name: string }).name;
      if (FORBIDDEN.has(name) || (name in math && /^[A-Z]/.test(name) && typeof (math as unknown as Record<string, unknown>)[name] === 'function')) {
        fail(tool, `"${name}" is not available in expressions`);
      }
    }
  });
  return node;
}

export type Scope = Record<string, number | number[]>;

/** Evaluate a checked expression with values for its variables; the result as plain JSON. */
export function evaluateExpression(tool: string, text: string | MathNode, scope: Scope = {}): unknown {
  const node = typeof text === 'string' ? parseExpression(tool, text) : text;
  let value: unknown;
  try {
    value = node.compile().evaluate(new Map(Object.entries(scope)));
  } catch (e) {
    return fail(tool, explain(e));
  }
  return toPlain(tool, value);
}

/** A real function of one variable, for numeric calculus; NaN where it is not real. */
export function realFunction(tool: string, node: MathNode, variable: string, scope: Scope = {}): (x: number) => number {
  checkOnlyVariables(tool, node, [variable, ...Object.keys(scope)]);
  const code = node.compile();
  const vars = new Map<string, unknown>(Object.entries(scope));
  return (x: number) => {
    vars.set(variable, x);
    let v: unknown;
    try {
      v = code.evaluate(vars);
    } catch (e) {
      return fail(tool, explain(e));
    }
    if (typeof v === 'number') return v;
    if (math.isComplex(v)) return Math.abs(v.im) < 1e-12 * (1 + Math.abs(v.re)) ? v.re : NaN;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (math.isBigNumber(v) || math.isFraction(v)) return Number(v.valueOf());
    return fail(tool, 'the expression must give a number');
  };
}

/** Every free name in the expression must be a known constant, function or one of `names`. */
export function checkOnlyVariables(tool: string, node: MathNode, names: string[]) {
  const free = freeVariables(node).filter((n) => !names.includes(n));
  if (free.length) fail(tool, `unknown variable${free.length > 1 ? 's' : ''} ${free.join(', ')}; give ${free.length > 1 ? 'their values' : 'its value'} in variables`);
}

/** Names that are neither math functions nor constants: the expression's variables. */
export function freeVariables(node: MathNode): string[] {
  const names = new Set<string>();
  node.traverse((n, _path, parent) => {
    if (n.type !== 'SymbolNode') return;
    if (parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === n) return;
    const name = (n as unknown as { name: string }).name;
    if (!(name in math)) names.add(name);
  });
  return [...names];
}

/** An expression tree as text with every multiplication written out: "2 * x", never "2 x". */
export const show = (node: MathNode) => node.toString({ implicit: 'show' });

/** mathjs values to JSON: numbers checked and tidied, complex numbers as text like "1 - 2i". */
export function toPlain(tool: string, value: unknown): unknown {
  if (typeof value === 'number') return finite(tool, value);
  if (typeof value === 'boolean' || typeof value === 'string' || value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map((v) => toPlain(tool, v));
  if (math.isMatrix(value)) return toPlain(tool, value.toArray());
  if (math.isComplex(value)) return complexText(value.re, value.im);
  if (math.isBigNumber(value) || math.isFraction(value)) return finite(tool, Number(value.valueOf()));
  if (math.isUnit(value)) return value.toString();
  if (math.isResultSet(value)) return toPlain(tool, (value as unknown as { entries: unknown[] }).entries.at(-1));
  if (typeof value === 'function') return fail(tool, 'the expression gives a function, not a value');
  return fail(tool, 'the expression gives a value that cannot be shown');
}

/** A complex number as text; a real number when the imaginary part is noise. */
export function complexText(re: number, im: number): number | string {
  if (Math.abs(im) <= 1e-12 * Math.max(1, Math.abs(re))) return tidy(re);
  const r = tidy(Math.abs(re) < 1e-12 * Math.abs(im) ? 0 : re);
  const i = tidy(Math.abs(im));
  const imag = i === 1 ? 'i' : `${i}i`;
  if (r === 0) return im < 0 ? `-${imag}` : imag;
  return `${r} ${im < 0 ? '-' : '+'} ${imag}`;
}

/** mathjs messages carry type-system detail; keep the part a person can act on. */
export function explain(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const undef = /^Undefined symbol (\w+)/.exec(msg);
  if (undef) return `unknown variable ${undef[1]}; give its value in variables`;
  const fn = /^Undefined function (\w+)/.exec(msg);
  if (fn) return `unknown function ${fn[1]}`;
  const wrongType = /Unexpected type of argument in function (\w+)/.exec(msg);
  if (wrongType) return `wrong kind of value given to ${wrongType[1]}`;
  return msg.replace(/\s*\n[\s\S]*/, '');
}
