/** How well `query` matches `text` as a subsequence (higher is better), or -1. Prefixes and word starts score most. */
export function fuzzyScore(query: string, text: string): number {
  const q = query.toLowerCase().trim();
  const t = text.toLowerCase();
  if (!q) return 0;
  if (t.startsWith(q)) return 1000 - t.length;
  const at = t.indexOf(q);
  if (at >= 0) return 500 - at;
  let score = 0;
  let j = 0;
  for (let i = 0; i < t.length && j < q.length; i++) {
    if (t[i] === q[j]) {
      score += i === 0 || /[\s\-_.]/.test(t[i - 1]!) ? 10 : 1;
      j++;
    }
  }
  return j === q.length ? score : -1;
}
