/**
 * How many terminal cells text takes. ASCII is one cell a character (the fast path); for
 * the rest, graphemes are measured the way terminals (and Ink's layout) do: East Asian
 * wide and emoji two cells, combining marks none.
 */
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x20-\x7e]*$/;
const WIDE = /[\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6]|[\u{1f004}\u{1f0cf}\u{1f18e}\u{1f191}-\u{1f19a}\u{1f200}-\u{1f251}\u{1f300}-\u{1f64f}\u{1f680}-\u{1f6ff}\u{1f7e0}-\u{1f7eb}\u{1f90c}-\u{1f9ff}\u{1fa70}-\u{1faff}\u{20000}-\u{3fffd}]/u;
const ZERO = /^(?:\p{Mn}|\p{Me}|\p{Cf}|[\u200b-\u200f\ufe00-\ufe0f])+$/u;
const segmenter = new Intl.Segmenter();

export function graphemeWidth(g: string): number {
  if (g.length === 1) {
    const c = g.charCodeAt(0);
    if (c >= 0x20 && c < 0x7f) return 1;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return 0;
  }
  if (ZERO.test(g)) return 0;
  if (WIDE.test(g) || g.includes('\ufe0f')) return 2;
  return 1;
}

export function textWidth(s: string): number {
  if (ASCII.test(s)) return s.length;
  let w = 0;
  for (const { segment } of segmenter.segment(s)) w += graphemeWidth(segment);
  return w;
}

/** Graphemes with their widths (for cursors and cutting). */
export function graphemes(s: string): string[] {
  if (ASCII.test(s)) return s.split('');
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

/** The longest start of `s` that fits in `width` cells. */
export function cut(s: string, width: number): string {
  if (width <= 0) return '';
  if (ASCII.test(s)) return s.length <= width ? s : s.slice(0, width);
  let w = 0;
  let out = '';
  for (const { segment } of segmenter.segment(s)) {
    const gw = graphemeWidth(segment);
    if (w + gw > width) break;
    w += gw;
    out += segment;
  }
  return out;
}

/** Cut to `width`, marking a cut with an ellipsis. */
export function truncate(s: string, width: number): string {
  if (textWidth(s) <= width) return s;
  if (width <= 1) return cut(s, width);
  return cut(s, width - 1) + '…';
}

/** Exactly `width` cells: cut, then padded on the chosen side(s). */
export function fit(s: string, width: number, align: 'left' | 'center' | 'right' = 'left'): string {
  const t = truncate(s, width);
  const room = width - textWidth(t);
  if (room <= 0) return t;
  if (align === 'right') return ' '.repeat(room) + t;
  if (align === 'center') {
    const l = room >> 1;
    return ' '.repeat(l) + t + ' '.repeat(room - l);
  }
  return t + ' '.repeat(room);
}

/** Word-wrap plain text to lines of at most `width` cells; long words are broken. */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    if (textWidth(para) <= w) {
      out.push(para);
      continue;
    }
    let line = '';
    let lineW = 0;
    for (const word of para.split(/(\s+)/)) {
      if (!word) continue;
      const ww = textWidth(word);
      if (lineW + ww <= w) {
        line += word;
        lineW += ww;
        continue;
      }
      if (/^\s+$/.test(word)) {
        out.push(line);
        line = '';
        lineW = 0;
        continue;
      }
      if (line) out.push(line.trimEnd());
      let rest = word;
      while (textWidth(rest) > w) {
        const head = cut(rest, w) || rest.slice(0, 1);
        out.push(head);
        rest = rest.slice(head.length);
      }
      line = rest;
      lineW = textWidth(rest);
    }
    out.push(line);
  }
  return out;
}
