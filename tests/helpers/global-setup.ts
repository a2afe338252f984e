import { execFileSync } from 'node:child_process';

/** E2E tests drive the built binary: build it once, so they never test a stale dist/. */
export default function setup() {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
