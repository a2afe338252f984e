/**
 * Watches a Blueprint's JSON text arrive in pieces and reports each element of
 * `ui.components` the moment its closing brace arrives, so a view can draw an app while
 * the model is still writing it. One pass per character, state kept between chunks;
 * text before the first `{` (a code fence, a preamble) is skipped.
 */
type Frame = { kind: 'object'; key: string | undefined; expectKey: boolean } | { kind: 'array' };

export class ComponentScanner {
  private text = '';
  private pos = 0;
  private readonly stack: Frame[] = [];
  private inString = false;
  private escaped = false;
  private stringStart = 0;
  private started = false;
  private done = false;
  /** Where the component being read starts in `text`, while inside one. */
  private componentStart = -1;

  /** Feed the next piece of text; returns the components that closed in it. */
  push(chunk: string): unknown[] {
    this.text += chunk;
    const found: unknown[] = [];
    const t = this.text;
    for (; this.pos < t.length && !this.done; this.pos++) {
      const c = t[this.pos]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          this.stringEnded(t.slice(this.stringStart, this.pos + 1));
        }
        continue;
      }
      if (!this.started) {
        if (c === '{') this.started = true;
        else continue;
      }
      switch (c) {
        case '"':
          this.inString = true;
          this.stringStart = this.pos;
          break;
        case '{':
          if (this.atComponents()) this.componentStart = this.pos;
          this.stack.push({ kind: 'object', key: undefined, expectKey: true });
          break;
        case '[':
          this.stack.push({ kind: 'array' });
          break;
        case '}':
        case ']':
          this.stack.pop();
          if (c === '}' && this.componentStart >= 0 && this.atComponents()) {
            const value = tryParse(t.slice(this.componentStart, this.pos + 1));
            if (value !== undefined) found.push(value);
            this.componentStart = -1;
          }
          if (!this.stack.length) this.done = true;
          break;
        case ',': {
          const top = this.stack.at(-1);
          if (top?.kind === 'object') top.expectKey = true;
          break;
        }
        case ':': {
          const top = this.stack.at(-1);
          if (top?.kind === 'object') top.expectKey = false;
          break;
        }
      }
    }
    return found;
  }

  private stringEnded(raw: string) {
    const top = this.stack.at(-1);
    if (top?.kind === 'object' && top.expectKey) top.key = tryParse(raw) as string | undefined;
  }

  /** True when the innermost open value is the array at ui.components. */
  private atComponents(): boolean {
    const [root, ui, arr] = this.stack;
    return this.stack.length === 3 && root?.kind === 'object' && root.key === 'ui' && ui?.kind === 'object' && ui.key === 'components' && arr?.kind === 'array';
  }
}

function tryParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
