import { parseBlueprint } from '../../src/blueprint/parse.js';
import { stats, type Suite } from '../harness.js';

/**
 * A generated app of exactly `count` components: rows (grids) of a label, an input and a
 * button bound to a tool, the mix real apps have, as the JSON text a user would save.
 */
export function generatedApp(count: number): string {
  const components: unknown[] = [];
  let n = 0;
  while (n < count) {
    const row = n++;
    const children: unknown[] = [];
    const kids: [string, Record<string, unknown>, Record<string, string>?][] = [
      ['text', { content: `Field ${row}` }],
      ['input', { placeholder: `value ${row}` }],
      ['button', { text: `Add ${row}` }, { click: 'ui.append' }],
    ];
    for (const [type, props, on] of kids) {
      if (n >= count) break;
      children.push({ type, id: `c${n++}`, props, ...(on ? { on_event: on } : {}) });
    }
    components.push({ type: 'grid', id: `row${row}`, props: { columns: 3 }, children });
  }
  const bp = { app: { id: 'generated-100', name: 'Generated', permissions: ['STANDARD'] }, services: [], ui: { title: 'Generated', layout: 'vertical', components } };
  return JSON.stringify(bp, null, 2);
}

/** blueprint_parse_ms: text to a checked, normalized Blueprint for a 100-component app. */
export const blueprintParse: Suite = {
  name: 'blueprint_parse_ms',
  issue: 4,
  async run() {
    const text = generatedApp(100);
    for (let i = 0; i < 50; i++) parseBlueprint(text, 'generated.bp');
    const samples: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t = performance.now();
      parseBlueprint(text, 'generated.bp');
      samples.push(performance.now() - t);
    }
    return { components: 100, source_bytes: Buffer.byteLength(text), parse: stats(samples), goal: 'report for a 100-component app' };
  },
};
