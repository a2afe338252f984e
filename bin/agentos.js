#!/usr/bin/env node
// The shipped entry: the esbuild bundle in dist/ (built by `npm install`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('agentos: dist/ is missing; run `npm install` (or `npm run build`) in the agentos folder\n');
  process.exit(1);
}
await import(entry.href);
