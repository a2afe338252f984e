import type { Kernel } from '../kernel/kernel.js';
import { dataUriBytes, decodePng } from './components/png.js';
import type { AssetSource, DecodedImage } from './components/types.js';

type Entry = DecodedImage | 'loading' | { error: string };

/**
 * Images for the image renderer: data URIs decode at once; paths are read with `fs.read`
 * (as `pid`, so the sandbox decides), in the background, and the view redraws when one is
 * ready. Remote URLs are not fetched from a terminal view.
 */
export function kernelAssets(kernel: Kernel, pid: number): AssetSource & { onLoad(fn: () => void): () => void } {
  const cache = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  const done = (src: string, e: Entry) => {
    cache.set(src, e);
    if (cache.size > 64) cache.delete(cache.keys().next().value!);
    for (const l of listeners) l();
  };
  return {
    image(src) {
      const hit = cache.get(src);
      if (hit) return hit;
      const bytes = dataUriBytes(src);
      if (bytes) {
        const e = decodePng(bytes);
        cache.set(src, e);
        return e;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
        const e = { error: `${src.split(':')[0]} images show in the web view` };
        cache.set(src, e);
        return e;
      }
      cache.set(src, 'loading');
      kernel
        .syscall<string | { data: string }>(pid, 'fs.read', { path: src, encoding: 'base64' })
        .then((r) => done(src, decodePng(Buffer.from(typeof r === 'string' ? r : r.data, 'base64'))))
        .catch((e: Error) => done(src, { error: e.message }));
      return 'loading';
    },
    onLoad(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
