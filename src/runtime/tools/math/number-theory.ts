/** Integer helpers for the arithmetic tools: exact, and quick on any safe integer. */

export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Deterministic Miller–Rabin: these bases decide every n below 3.3e24. */
export function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (const p of [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]) {
    if (n === p) return true;
    if (n % p === 0) return false;
  }
  const N = BigInt(n);
  let d = N - 1n;
  let s = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    s++;
  }
  witness: for (const a of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n]) {
    let x = powMod(a, d, N);
    if (x === 1n || x === N - 1n) continue;
    for (let r = 1; r < s; r++) {
      x = (x * x) % N;
      if (x === N - 1n) continue witness;
    }
    return false;
  }
  return true;
}

function powMod(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

/** Prime factors with repetition, smallest first (trial division by 2, 3 and 6k±1). */
export function primeFactors(n: number): number[] {
  const out: number[] = [];
  const divideOut = (p: number) => {
    let divided = false;
    while (n % p === 0) {
      out.push(p);
      n /= p;
      divided = true;
    }
    return divided;
  };
  divideOut(2);
  divideOut(3);
  // What is left after a division may be prime: checking then saves the long walk to √n.
  let leftIsPrime = isPrime(n);
  for (let f = 5; !leftIsPrime && f * f <= n; f += 6) {
    if (divideOut(f) || divideOut(f + 2)) leftIsPrime = isPrime(n);
  }
  if (n > 1) out.push(n);
  return out;
}

/** n choose k, exact while the result is a safe integer. */
export function combinations(n: number, k: number): number {
  k = Math.min(k, n - k);
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

export function permutations(n: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r *= n - i;
  return r;
}

export function fibonacci(n: number): number {
  let [a, b] = [0, 1];
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}
