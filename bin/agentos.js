#!/usr/bin/env node
// The shipped entry: the esbuild bundles in dist/ (built by `npm install`).
// CommonJS (bin/package.json says so): a one-shot command then never starts Node's ES
// module loader, which costs more than the rest of this file.
'use strict';
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

const dist = path.join(__dirname, '..', 'dist');
const entry = path.join(dist, 'cli.js');
if (!existsSync(entry)) {
  process.stderr.write('agentos: dist/ is missing; run `npm install` (or `npm run build`) in the agentos folder\n');
  process.exit(1);
}

/**
 * `agentos syscall …` runs from dist/oneshot.cjs, compiled with V8's code cache (made by
 * the build): scripts call it in loops, and parsing zod and the kernel anew each time was
 * most of its cost. Node 20 caches nothing for ES modules, so this one file is CommonJS,
 * compiled here the way Node's own loader compiles it, plus `cachedData`. Resolves to
 * undefined when it does not apply; the full CLI then handles the command.
 */
async function oneShot(argv) {
  const file = path.join(dist, 'oneshot.cjs');
  if (argv[0] !== 'syscall' || !existsSync(file)) return undefined;
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dist);
  const code = await module.exports.run(argv);
  // The build runs one syscall with this set, so the cache holds the functions it compiled.
  if (process.env.AGENTOS_WRITE_CODE_CACHE === '1') writeFileSync(cacheFile, script.createCachedData());
  return code;
}

const argv = process.argv.slice(2);
oneShot(argv).then(
  (code) => {
    if (code === undefined) return import(pathToFileURL(entry).href);
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`agentos: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
