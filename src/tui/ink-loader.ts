/**
 * Ink and React, loaded after the first frame (see run.ts): they are most of what the
 * desktop loads, and the first frame does not need them.
 *
 * Ink's layout engine (yoga) reads its WebAssembly, inlined as a data: URL, with `fetch`,
 * and the first `fetch` in a process loads Node's whole HTTP client (about 50 ms) to decode
 * it. While the module evaluates, `fetch` answers data: URLs itself and hands everything
 * else to the real one, so other work running meanwhile is unaffected.
 */
export async function loadInkView(): Promise<typeof import('./ink-view.js')> {
  const g = globalThis as { fetch?: typeof fetch };
  const saved = Object.getOwnPropertyDescriptor(g, 'fetch');
  const real = g.fetch;
  if (!saved?.configurable || !real) return import('./ink-view.js');
  Object.defineProperty(g, 'fetch', { configurable: true, enumerable: saved.enumerable, writable: true, value: dataUrlFetch(real) });
  try {
    return await import('./ink-view.js');
  } finally {
    Object.defineProperty(g, 'fetch', saved);
  }
}

/** A `fetch` that reads `data:…;base64,` URLs without loading the HTTP client. */
function dataUrlFetch(real: typeof fetch): typeof fetch {
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const m = typeof input === 'string' ? /^data:[^,]*;base64,/.exec(input) : null;
    if (!m) return real(input, init);
    const bytes = Buffer.from((input as string).slice(m[0].length), 'base64');
    return Promise.resolve({ ok: true, status: 200, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) });
  }) as typeof fetch;
}
