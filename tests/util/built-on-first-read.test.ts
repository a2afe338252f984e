import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/runtime/tools/types.js';
import { builtOnFirstRead } from '../../src/util/built-on-first-read.js';

describe('builtOnFirstRead', () => {
  it('builds on the first read only, keeps the value, and leaves the spec alone', () => {
    let builds = 0;
    const spec = { id: 'x', schema: null as unknown as { n: number } };
    const def = builtOnFirstRead(spec, 'schema', () => ({ n: ++builds }));
    expect(builds).toBe(0);
    expect(def.id).toBe('x');
    expect(def.schema).toEqual({ n: 1 });
    expect(def.schema).toBe(def.schema);
    expect(builds).toBe(1);
    expect(Object.keys(def)).toContain('schema');
    expect(spec.schema).toBeNull();
  });
});

describe('defineTool', () => {
  it('builds a tool\'s params schema when something first reads it, and checks with it', () => {
    let builds = 0;
    const tool = defineTool({
      id: 'demo.echo',
      doc: 'echo',
      params: () => (builds++, z.object({ text: z.string() })),
      run: (_ctx, p) => p.text,
    });
    expect(builds).toBe(0);
    expect(tool.params.safeParse({ text: 'hi' }).success).toBe(true);
    expect(tool.params.safeParse({ text: 1 }).success).toBe(false);
    expect(builds).toBe(1);
  });
});
