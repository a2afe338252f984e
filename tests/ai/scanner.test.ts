import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ComponentScanner } from '../../src/ai/scanner.js';

const app = {
  app: { id: 'x', name: 'X "quoted" {braces}' },
  services: [],
  ui: {
    title: 'T',
    components: [
      { type: 'text', id: 'a', props: { content: 'has } and { and "\\" and \\u00e9' } },
      { type: 'container', id: 'b', props: {}, children: [{ type: 'button', id: 'c', props: { text: ']' } }] },
      { type: 'list', id: 'd', props: { items: [{ text: '{' }] } },
    ],
  },
};
const text = JSON.stringify(app, null, 2);

function scanIn(chunks: string[]) {
  const s = new ComponentScanner();
  const seen: { after: number; value: unknown }[] = [];
  let fed = 0;
  for (const c of chunks) {
    fed += c.length;
    for (const v of s.push(c)) seen.push({ after: fed, value: v });
  }
  return seen;
}

describe('the component scanner', () => {
  it('reports each top-level component when its closing brace arrives, children inside it', () => {
    const seen = scanIn([...text]);
    expect(seen.map((x) => x.value)).toEqual(app.ui.components);
    // Each one is reported at its own closing brace, before the rest of the text arrives.
    for (const x of seen) expect(text.slice(0, x.after).endsWith('}')).toBe(true);
    expect(seen[0]!.after).toBeLessThan(text.indexOf('"id": "b"'));
  });

  it('gives the same answer however the text is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 20 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks = [0, ...points].map((p, i) => text.slice(p, points[i] ?? text.length));
        expect(scanIn(chunks).map((x) => x.value)).toEqual(app.ui.components);
      }),
    );
  });

  it('skips a code fence or preamble before the JSON, and anything after it', () => {
    expect(scanIn([`Here you go:\n\`\`\`json\n${text}\n\`\`\`\n{"ui":{"components":[{"type":"x"}]}}`]).map((x) => x.value)).toHaveLength(3);
  });

  it('ignores components arrays that are not ui.components', () => {
    const other = JSON.stringify({ app: { components: [{ type: 'text' }] }, ui: { title: 'x', extra: { components: [{ type: 'a' }] }, components: [{ type: 'b', id: 'b' }] } });
    expect(scanIn([other]).map((x) => x.value)).toEqual([{ type: 'b', id: 'b' }]);
  });
});
