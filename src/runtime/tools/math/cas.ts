import type { MathNode } from 'mathjs';
import { fail, MathError } from './errors.js';

/**
 * Symbolic algebra (expand, factor, antiderivatives, exact solutions) by nerdamer-prime,
 * loaded on first use so commands that never do algebra never pay for it. It only ever
 * sees text we build from an expression tree mathjs parsed and we checked: numbers,
 * variables, + - * / ^ ! and a fixed list of functions. So no user text can define a
 * function or a variable inside it, and its global history is flushed after every call.
 */
interface CasExpression {
  toString(): string;
}
interface Cas {
  (expression: string): CasExpression;
  flush(): void;
  set(option: string, value: string | number | boolean): void;
}

let loading: Promise<Cas> | undefined;
function loadCas(): Promise<Cas> {
  loading ??= import('nerdamer-prime/all').then((m) => {
    const cas = ((m as { default?: unknown }).default ?? m) as Cas;
    cas.set('SHOW_WARNINGS', false);
    return cas;
  });
  return loading;
}

/** Run a symbolic computation; nerdamer's errors and its time limit become clear messages. */
export async function withCas<T>(tool: string, work: (cas: Cas) => T): Promise<T> {
  const cas = await loadCas();
  try {
    return work(cas);
  } catch (e) {
    if (e instanceof MathError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (msg === 'timeout') return fail(tool, 'this is too hard to work out symbolically in time', 'ETIMEDOUT');
    if (/division by zero/i.test(msg)) return fail(tool, 'division by zero');
    return fail(tool, msg.replace(/!$/, '').toLowerCase());
  } finally {
    cas.flush();
  }
}

/** Functions nerdamer knows under the same name and meaning as mathjs. */
const FUNCTIONS = new Set([
  'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh',
  'asinh', 'acosh', 'atanh', 'exp', 'log', 'log10', 'sqrt', 'cbrt', 'abs',
]);
const OPERATORS: Record<string, string> = { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^' };
const CONSTANTS: Record<string, string> = { pi: 'pi', PI: 'pi', e: 'e', E: 'e' };

/** Serialize a checked mathjs tree as nerdamer text, fully parenthesized. */
export function casText(tool: string, node: MathNode): string {
  const n = node as unknown as {
    type: string; value: unknown; name: string; fn: string | { name: string }; op: string;
    args: MathNode[]; content: MathNode;
  };
  switch (n.type) {
    case 'ConstantNode':
      if (typeof n.value !== 'number') return fail(tool, 'symbolic work takes numbers, variables and functions only');
      return numberText(n.value);
    case 'SymbolNode':
      if (n.name in CONSTANTS) return CONSTANTS[n.name]!;
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(n.name)) return fail(tool, `"${n.name}" cannot be used as a variable here`);
      return n.name;
    case 'ParenthesisNode':
      return casText(tool, n.content);
    case 'OperatorNode': {
      const fn = n.fn as string;
      const args = n.args.map((a) => casText(tool, a));
      if (fn === 'unaryMinus') return `(-${args[0]})`;
      if (fn === 'unaryPlus') return args[0]!;
      if (fn === 'factorial') return `(${args[0]})!`;
      const op = OPERATORS[fn];
      if (!op) return fail(tool, `symbolic work supports + - * / ^ and !, not "${n.op}"`);
      return `(${args.join(op)})`;
    }
    case 'FunctionNode': {
      const name = (n.fn as { name: string }).name;
      const args = n.args.map((a) => casText(tool, a));
      if (name === 'nthRoot' && args.length === 2) return `((${args[0]})^(1/(${args[1]})))`;
      if (!FUNCTIONS.has(name)) return fail(tool, `symbolic work does not know the function ${name}`);
      if (args.length !== 1 && !(name === 'log' && args.length === 2)) return fail(tool, `${name} takes one argument`);
      return `${name}(${args.join(',')})`;
    }
    default:
      return fail(tool, 'symbolic work takes numbers, variables and functions only');
  }
}

/** Exact text for a double: nerdamer reads "1e-7" badly, so write powers of ten out. */
function numberText(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  const s = String(v);
  const m = /^(-?[\d.]+)e([-+]\d+)$/.exec(s);
  return m ? `(${m[1]}*10^(${m[2]}))` : s;
}

/** Split nerdamer's vector text "[a,b,c]" into its elements, respecting brackets. */
export function vectorElements(text: string): string[] {
  const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '');
  if (!inner) return [];
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  out.push(inner.slice(start));
  return out.map((s) => s.trim());
}
