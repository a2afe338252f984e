import { createRequire } from 'node:module';
import type { DecodedImage } from './types.js';

interface PngSync {
  sync: { read(buf: Buffer): { width: number; height: number; data: Buffer } };
}

let png: PngSync | null | undefined;
const require = createRequire(import.meta.url);

/** pngjs, loaded on first use (it is CommonJS); null when it is not installed. */
function pngjs(): PngSync | null {
  if (png === undefined) {
    try {
      const m = require('pngjs') as { PNG: PngSync };
      png = m.PNG;
    } catch {
      png = null;
    }
  }
  return png;
}

/** Largest picture we decode: a terminal shows a few thousand cells of it anyway. */
const MAX_PIXELS = 4096 * 4096;

/** RGBA pixels of a PNG, or an error a placeholder can show. Other formats are not decoded. */
export function decodePng(buf: Buffer): DecodedImage | { error: string } {
  if (buf.length < 8 || buf.readUInt32BE(0) !== 0x89504e47) return { error: 'only PNG images are drawn in the terminal' };
  const lib = pngjs();
  if (!lib) return { error: 'pngjs is not installed' };
  try {
    if (buf.length >= 24 && buf.readUInt32BE(16) * buf.readUInt32BE(20) > MAX_PIXELS) return { error: 'image too large to draw' };
    const img = lib.sync.read(buf);
    return { width: img.width, height: img.height, data: new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.length) };
  } catch (e) {
    return { error: `cannot read the PNG: ${(e as Error).message}` };
  }
}

/** The bytes of a `data:` URI, or undefined when src is not one. */
export function dataUriBytes(src: string): Buffer | undefined {
  const m = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(src);
  if (!m) return undefined;
  return m[2] ? Buffer.from(m[3]!, 'base64') : Buffer.from(decodeURIComponent(m[3]!), 'latin1');
}
