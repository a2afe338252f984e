/**
 * A JSON parser that remembers where every value starts, so that an error found long after
 * parsing (a bad prop three levels down) can still say `file:line:col`. JSON.parse cannot.
 * One pass over the text, no backtracking, no regexes per value: linear in the input.
 */

export interface Pos {
  line: number;
  col: number;
}

/** Where the members of one object or array start. */
interface NodeInfo {
  pos: Pos;
  /** Objects: where each key starts and where its value starts. */
  keys?: Map<string, Pos>;
  values?: Map<string, Pos>;
  /** Arrays: where each item starts. */
  items?: Pos[];
}

/** Answers "where in the source is this value?" for the objects and arrays of one parse. */
export class SourceMap {
  private readonly nodes = new WeakMap<object, NodeInfo>();

  record(node: object, info: NodeInfo) {
    this.nodes.set(node, info);
  }

  /** Where an object or array starts. */
  posOf(node: unknown): Pos | undefined {
    return typeof node === 'object' && node !== null ? this.nodes.get(node)?.pos : undefined;
  }

  /** Where a member's value starts (or, with `atKey`, where its key starts). */
  memberPos(node: unknown, key: string | number, atKey = false): Pos | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    const info = this.nodes.get(node);
    if (!info) return undefined;
    if (Array.isArray(node)) return typeof key === 'number' ? info.items?.[key] : undefined;
    return (atKey ? info.keys : info.values)?.get(String(key));
  }

  /** The deepest known position along a path inside `node`, falling back to `fallback`. */
  deepPos(node: unknown, path: readonly PropertyKey[], fallback: Pos): Pos {
    let pos = fallback;
    let cur = node;
    for (const k of path) {
      if (typeof k === 'symbol') break;
      const p = this.memberPos(cur, typeof k === 'number' ? k : k);
      if (!p) break;
      pos = p;
      cur = (cur as Record<PropertyKey, unknown>)[k];
    }
    return pos;
  }
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
    readonly path: (string | number)[],
  ) {
    super(message);
  }
}

/** Deeper than this is not an app, it is an attack on the stack. */
export const MAX_DEPTH = 200;

const describeChar = (c: string | undefined) =>
  c === undefined ? 'the end of the file' : /[\x00-\x1f]/.test(c) ? `control character U+${c.charCodeAt(0).toString(16).padStart(4, '0')}` : `"${c}"`;

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseJson(text: string): { value: unknown; map: SourceMap } {
  const map = new SourceMap();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  const path: (string | number)[] = [];

  const here = (): Pos => ({ line, col: i - lineStart + 1 });
  const fail = (msg: string, at: Pos = here()): never => {
    throw new JsonSyntaxError(msg, at, [...path]);
  };

  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
      else if (c === 0x0a) {
        i++;
        line++;
        lineStart = i;
      } else return;
    }
  };

  const expectedValue = () => {
    const c = text[i];
    if (c === "'") fail('strings take double quotes in JSON');
    if (c === '/' ) fail('JSON has no comments');
    if (c === ']' || c === '}') fail(`expected a value, found ${describeChar(c)} (a trailing comma?)`);
    fail(`expected a value, found ${describeChar(c)}`);
  };

  const parseString = (): string => {
    const start = here();
    i++; // opening quote
    let out = '';
    let chunk = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c === 0x5c) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        const simple = e === undefined ? undefined : ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape: expected four hex digits');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else fail(`bad escape "\\${e ?? ''}" in a string`);
        chunk = i;
        continue;
      }
      if (Number.isNaN(c)) fail('unterminated string (missing closing ")', start);
      if (c < 0x20) fail(c === 0x0a ? 'unterminated string (a string cannot span lines)' : `${describeChar(text[i])} inside a string: escape it`);
      i++;
    }
  };

  const parseNumber = (): number => {
    const start = i;
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (text[i]! >= '1' && text[i]! <= '9') while (text[i]! >= '0' && text[i]! <= '9') i++;
    else fail('bad number: expected a digit');
    if (text[i] === '.') {
      i++;
      if (!(text[i]! >= '0' && text[i]! <= '9')) fail('bad number: expected a digit after "."');
      while (text[i]! >= '0' && text[i]! <= '9') i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!(text[i]! >= '0' && text[i]! <= '9')) fail('bad number: expected a digit in the exponent');
      while (text[i]! >= '0' && text[i]! <= '9') i++;
    }
    return Number(text.slice(start, i));
  };

  const parseWord = (word: string, value: unknown) => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return value;
    }
    return expectedValue();
  };

  const parseValue = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} levels`);
    const c = text[i];
    switch (c) {
      case '{':
        return parseObject(depth);
      case '[':
        return parseArray(depth);
      case '"':
        return parseString();
      case 't':
        return parseWord('true', true);
      case 'f':
        return parseWord('false', false);
      case 'n':
        return parseWord('null', null);
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
        return expectedValue();
    }
  };

  const parseObject = (depth: number): Record<string, unknown> => {
    const obj: Record<string, unknown> = {};
    const info: NodeInfo = { pos: here(), keys: new Map(), values: new Map() };
    i++;
    skipSpace();
    if (text[i] === '}') {
      i++;
      map.record(obj, info);
      return obj;
    }
    for (;;) {
      if (text[i] !== '"') fail(text[i] === '}' ? 'trailing comma before "}"' : `expected a key in double quotes, found ${describeChar(text[i])}`);
      const keyPos = here();
      const key = parseString();
      if (info.keys!.has(key)) fail(`duplicate key "${key}"`, keyPos);
      skipSpace();
      if (text[i] !== ':') fail(`expected ":" after key "${key}", found ${describeChar(text[i])}`);
      i++;
      skipSpace();
      path.push(key);
      const valuePos = here();
      const value = parseValue(depth + 1);
      path.pop();
      // A key named __proto__ must stay data, not become the prototype.
      if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      else obj[key] = value;
      info.keys!.set(key, keyPos);
      info.values!.set(key, valuePos);
      skipSpace();
      if (text[i] === ',') {
        i++;
        skipSpace();
        continue;
      }
      if (text[i] === '}') {
        i++;
        map.record(obj, info);
        return obj;
      }
      fail(`expected "," or "}" after the value of "${key}", found ${describeChar(text[i])}`);
    }
  };

  const parseArray = (depth: number): unknown[] => {
    const arr: unknown[] = [];
    const info: NodeInfo = { pos: here(), items: [] };
    i++;
    skipSpace();
    if (text[i] === ']') {
      i++;
      map.record(arr, info);
      return arr;
    }
    for (;;) {
      path.push(arr.length);
      info.items!.push(here());
      arr.push(parseValue(depth + 1));
      path.pop();
      skipSpace();
      if (text[i] === ',') {
        i++;
        skipSpace();
        if (text[i] === ']') fail('trailing comma before "]"');
        continue;
      }
      if (text[i] === ']') {
        i++;
        map.record(arr, info);
        return arr;
      }
      fail(`expected "," or "]" after item ${arr.length - 1}, found ${describeChar(text[i])}`);
    }
  };

  skipSpace();
  if (i >= text.length) fail('the file is empty: expected a JSON object');
  const value = parseValue(0);
  skipSpace();
  if (i < text.length) fail(`unexpected ${describeChar(text[i])} after the end of the JSON value`);
  return { value, map };
}
