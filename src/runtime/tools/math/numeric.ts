/**
 * Numerical methods behind the calculus and algebra tools: adaptive Gauss–Kronrod
 * integration, limits and infinite sums by Wynn's epsilon acceleration, and polynomial
 * roots by the Aberth–Ehrlich iteration. Pure functions of plain JavaScript functions.
 */

// ---------- integration ----------

/** Gauss–Kronrod 7–15 nodes and weights on [-1, 1] (QUADPACK's qk15). */
const XGK = [0.991455371120812639, 0.949107912342758525, 0.864864423359769073, 0.741531185599394440, 0.586087235467691130, 0.405845151377397167, 0.207784955007898468, 0];
const WGK = [0.022935322010529225, 0.063092092629978553, 0.104790010322250184, 0.140653259715525919, 0.169004726639267903, 0.190350578064785410, 0.204432940075298892, 0.209482141084727828];
const WG = [0.129484966168869693, 0.279705391489276668, 0.381830050505118945, 0.417959183673469388];

interface Piece {
  a: number;
  b: number;
  value: number;
  error: number;
}

function gk15(f: (x: number) => number, a: number, b: number): Piece {
  const c = (a + b) / 2;
  const h = (b - a) / 2;
  const fc = f(c);
  let k = fc * WGK[7]!;
  let g = fc * WG[3]!;
  for (let j = 0; j < 7; j++) {
    const dx = h * XGK[j]!;
    const pair = f(c - dx) + f(c + dx);
    k += WGK[j]! * pair;
    if (j % 2 === 1) g += WG[(j - 1) / 2]! * pair;
  }
  return { a, b, value: k * h, error: Math.abs((k - g) * h) };
}

export interface Integral {
  value: number;
  error: number;
  converged: boolean;
}

/** ∫ f over [a, b]; infinite ends are mapped onto finite ones first. */
export function integrate(f: (x: number) => number, a: number, b: number): Integral {
  if (a === b) return { value: 0, error: 0, converged: true };
  if (a > b) {
    const r = integrate(f, b, a);
    return { ...r, value: -r.value };
  }
  if (a === -Infinity && b === Infinity) return adaptive((t) => f(t / (1 - t * t)) * ((1 + t * t) / (1 - t * t) ** 2), -1, 1);
  if (b === Infinity) return adaptive((t) => f(a + t / (1 - t)) / (1 - t) ** 2, 0, 1);
  if (a === -Infinity) return adaptive((t) => f(b - (1 - t) / t) / (t * t), 0, 1);
  return adaptive(f, a, b);
}

function adaptive(f: (x: number) => number, a: number, b: number): Integral {
  const pieces = [gk15(f, a, b)];
  const total = () => pieces.reduce((s, p) => s + p.value, 0);
  const error = () => pieces.reduce((s, p) => s + p.error, 0);
  for (let i = 0; i < 2000; i++) {
    const tol = Math.max(1e-13, 1e-11 * Math.abs(total()));
    if (error() <= tol) break;
    let worst = 0;
    for (let j = 1; j < pieces.length; j++) if (pieces[j]!.error > pieces[worst]!.error) worst = j;
    const p = pieces[worst]!;
    if (!Number.isFinite(p.value) || !Number.isFinite(p.error)) break;
    const mid = (p.a + p.b) / 2;
    if (mid <= p.a || mid >= p.b) break; // the interval cannot be split any further
    pieces.splice(worst, 1, gk15(f, p.a, mid), gk15(f, mid, p.b));
  }
  const value = total();
  const err = error();
  return { value, error: err, converged: Number.isFinite(value) && err <= Math.max(1e-9, 1e-7 * Math.abs(value)) };
}

// ---------- acceleration, limits, series ----------

/**
 * Wynn's epsilon algorithm: from a sequence that converges (or whose error shrinks like
 * sums of geometric terms: h, h², √h with h halving), the best estimate of its limit and
 * how far successive estimates still disagree.
 */
export function accelerate(seq: number[]): { value: number; spread: number } | undefined {
  let best: { value: number; spread: number } | undefined;
  // Three estimates in a row must agree: two values can meet by chance (k·2^-k at k = 1, 2).
  const consider = (col: number[]) => {
    for (let n = 0; n + 2 < col.length; n++) {
      const spread = Math.max(Math.abs(col[n + 1]! - col[n]!), Math.abs(col[n + 2]! - col[n + 1]!));
      if (Number.isFinite(spread) && (!best || spread < best.spread)) best = { value: col[n + 2]!, spread };
    }
  };
  let prev = new Array<number>(seq.length + 1).fill(0);
  let cur = [...seq];
  consider(cur);
  for (let k = 1; cur.length > 1; k++) {
    const next: number[] = [];
    for (let n = 0; n + 1 < cur.length; n++) {
      const d = cur[n + 1]! - cur[n]!;
      next.push(prev[n + 1]! + 1 / d);
    }
    [prev, cur] = [cur, next];
    if (k % 2 === 0) consider(cur.filter(Number.isFinite));
  }
  return best;
}

export type SideLimit = { kind: 'value'; value: number } | { kind: 'infinite'; sign: 1 | -1 } | { kind: 'undefined' } | { kind: 'unknown' };

/** Increments that do not shrink while the values keep one direction: heading to ±∞. */
function diverges(seq: number[]): 1 | -1 | 0 {
  const tail = seq.slice(-8);
  if (tail.length < 8) return 0;
  const steps = tail.slice(1).map((v, i) => v - tail[i]!);
  const dir = Math.sign(steps[0]!);
  if (dir === 0 || !steps.every((s) => Math.sign(s) === dir)) return 0;
  const growing = steps.slice(1).every((s, i) => Math.abs(s) >= 0.9 * Math.abs(steps[i]!));
  return growing && Math.abs(tail.at(-1)!) > 10 ? (dir as 1 | -1) : 0;
}

/** The limit of g(h) as h → 0+, from g at h = 2^-3 … 2^-32. */
export function limitAtZero(g: (h: number) => number): SideLimit {
  const seq: number[] = [];
  for (let k = 3; k <= 32; k++) {
    const v = g(2 ** -k);
    if (Number.isNaN(v)) {
      if (seq.length < 6) return { kind: 'undefined' };
      break;
    }
    if (!Number.isFinite(v)) {
      const towards = seq.length >= 2 ? Math.sign(seq.at(-1)! - seq.at(-2)!) : 0;
      if (towards === Math.sign(v) || seq.length < 2) return { kind: 'infinite', sign: v > 0 ? 1 : -1 };
      return { kind: 'unknown' };
    }
    seq.push(v);
  }
  const dir = diverges(seq);
  if (dir) return { kind: 'infinite', sign: dir };
  // Past h ≈ 2^-20 rounding noise usually outweighs the signal: accelerate the clean part.
  const est = accelerate(seq.slice(0, 20));
  const scale = Math.max(1, ...seq.map(Math.abs));
  if (!est || est.spread > 1e-7 * scale) return { kind: 'unknown' };
  return { kind: 'value', value: Math.abs(est.value) < 1e-10 * scale ? 0 : est.value };
}

/** The sum of term(k) for k = from, from+1, … to ∞ (or an error saying why not). */
export function infiniteSum(term: (k: number) => number, from: number): { value: number } | { diverges: true } | { unknown: true } {
  let sum = 0;
  let comp = 0;
  let k = from;
  const partials: number[] = [];
  let small = 0;
  for (let n = 1; n <= 2 ** 17; n++, k++) {
    const t = term(k);
    if (!Number.isFinite(t)) return { diverges: true };
    const y = t - comp;
    const s = sum + y;
    comp = s - sum - y;
    sum = s;
    small = Math.abs(t) <= 1e-17 * Math.abs(sum) || t === 0 ? small + 1 : 0;
    if (small >= 8) return { value: sum };
    if (n >= 16 && (n & (n - 1)) === 0) partials.push(sum);
  }
  if (diverges(partials)) return { diverges: true };
  const est = accelerate(partials);
  if (!est || est.spread > 1e-8 * Math.max(1, Math.abs(est.value))) return { unknown: true };
  return { value: est.value };
}

// ---------- polynomial roots ----------

export type Complex = [number, number];
const mul = (a: Complex, b: Complex): Complex => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const div = (a: Complex, b: Complex): Complex => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};
const sub = (a: Complex, b: Complex): Complex => [a[0] - b[0], a[1] - b[1]];
const abs = (a: Complex) => Math.hypot(a[0], a[1]);

/** p(z) and p'(z) by Horner's rule; coefficients highest degree first. */
function horner(c: number[], z: Complex): [Complex, Complex] {
  let p: Complex = [c[0]!, 0];
  let dp: Complex = [0, 0];
  for (let i = 1; i < c.length; i++) {
    const dz = mul(dp, z);
    dp = [dz[0] + p[0], dz[1] + p[1]];
    const pz = mul(p, z);
    p = [pz[0] + c[i]!, pz[1]];
  }
  return [p, dp];
}

/** All complex roots of a polynomial with real coefficients (highest degree first). */
export function polynomialRoots(coefficients: number[]): Complex[] {
  let c = [...coefficients];
  while (c.length && c[0] === 0) c.shift();
  const zeros: Complex[] = [];
  while (c.length > 1 && c.at(-1) === 0) {
    c.pop();
    zeros.push([0, 0]);
  }
  const n = c.length - 1;
  if (n < 1) return zeros;
  c = c.map((v) => v / c[0]!);
  if (n === 1) return [...zeros, [-c[1]!, 0]];
  const radius = 1 + Math.max(...c.slice(1).map(Math.abs));
  let z: Complex[] = Array.from({ length: n }, (_, k) => {
    const angle = (2 * Math.PI * k) / n + 0.4;
    return [radius * Math.cos(angle) * 0.5, radius * Math.sin(angle) * 0.5];
  });
  for (let iter = 0; iter < 500; iter++) {
    let moved = 0;
    z = z.map((zk, k) => {
      const [p, dp] = horner(c, zk);
      if (abs(p) === 0) return zk;
      const ratio = div(p, dp);
      let s: Complex = [0, 0];
      for (let j = 0; j < n; j++) if (j !== k) {
        const d = sub(zk, z[j]!);
        const inv = div([1, 0], d);
        s = [s[0] + inv[0], s[1] + inv[1]];
      }
      const w = div(ratio, sub([1, 0], mul(ratio, s)));
      if (!Number.isFinite(w[0]) || !Number.isFinite(w[1])) return zk;
      moved = Math.max(moved, abs(w) / (1 + abs(zk)));
      return sub(zk, w);
    });
    if (moved < 1e-15) break;
  }
  return [...zeros, ...z];
}

/**
 * The distinct roots: the approximations of an m-fold root scatter by about ε^(1/m) around
 * it, but their mean is accurate, so near-equal roots are merged into their mean.
 */
export function distinctRoots(roots: Complex[]): Complex[] {
  const left = [...roots];
  const out: Complex[] = [];
  while (left.length) {
    const first = left.shift()!;
    const near = (z: Complex) => abs(sub(z, first)) <= 1e-4 * Math.max(1, abs(first));
    const cluster = [first, ...left.filter(near)];
    for (let i = left.length - 1; i >= 0; i--) if (near(left[i]!)) left.splice(i, 1);
    out.push([cluster.reduce((s, z) => s + z[0], 0) / cluster.length, cluster.reduce((s, z) => s + z[1], 0) / cluster.length]);
  }
  return out;
}
