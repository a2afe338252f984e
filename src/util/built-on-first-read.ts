/**
 * `spec` with `key` built by `build` the first time something reads it, then kept. Zod
 * schemas cost tens of microseconds each: the ones for syscalls and tools nobody calls are
 * never built (a one-shot command, the desktop's first frame).
 */
export function builtOnFirstRead<T extends object, K extends keyof T>(spec: T, key: K, build: () => T[K]): T {
  let built: { value: T[K] } | undefined;
  return Object.defineProperty({ ...spec }, key, { get: () => (built ??= { value: build() }).value, enumerable: true });
}
