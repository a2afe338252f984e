// Bundles the CLI with esbuild into dist/ with code splitting: a one-shot command loads
// only its own chunk, never Ink, React or the web client. Native modules stay external.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, mkdirSync, mkdtempSync, writeFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWebClient } from './build-web.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const t0 = performance.now();
// Build beside dist/ and swap it in, so a command or test running meanwhile never finds
// dist/ half-written or gone.
const stage = `.dist-staging-${process.pid}`;
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

const entryPoints = { cli: 'src/cli/entry.ts' };
try {
  readFileSync('bench/main.ts');
  entryPoints.bench = 'bench/main.ts';
} catch {}

/**
 * zod's namespace re-exports every locale and the JSON-Schema importer; we use neither,
 * and they are most of its 750 KB. Loading less makes every one-shot command faster.
 */
const trimZod = {
  name: 'trim-zod',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) =>
      /\/zod\/v4\/(classic|core)\//.test(a.importer) ? { path: 'zod-locales', namespace: 'trim-zod' } : undefined,
    );
    b.onResolve({ filter: /^\.\/from-json-schema\.js$/ }, (a) =>
      a.importer.includes('/zod/v4/classic/') ? { path: 'zod-from-json', namespace: 'trim-zod' } : undefined,
    );
    b.onLoad({ filter: /^zod-locales$/, namespace: 'trim-zod' }, () => ({ contents: 'export {};', loader: 'js' }));
    b.onLoad({ filter: /^zod-from-json$/, namespace: 'trim-zod' }, () => ({
      contents: 'export function fromJSONSchema() { throw new Error("fromJSONSchema is not bundled"); }',
      loader: 'js',
    }));
  },
};

// The browser client builds alongside the CLI (dist/web/).
const webClient = buildWebClient(stage);
await build({
  plugins: [trimZod],
  entryPoints,
  outdir: stage,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  minify: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  external: ['node-pty', 'playwright-core', 'fsevents', 'cpu-features'],
  alias: { 'react-devtools-core': './scripts/stub-devtools.mjs' },
  define: {
    'process.env.NODE_ENV': '"production"',
    __AGENTOS_VERSION__: JSON.stringify(pkg.version),
  },
  banner: {
    js: "import { createRequire as __agentosCreateRequire } from 'node:module'; const require = __agentosCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// `agentos syscall …` also as one CommonJS file, which bin/agentos.js loads with V8's code
// cache (Node 20 caches nothing for ES modules): see src/cli/oneshot.ts.
const oneshot = await build({
  plugins: [trimZod],
  entryPoints: { oneshot: 'src/cli/oneshot.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: stage,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // Loaded only by code paths a syscall rarely takes (spawn, metrics, terminals): found in node_modules then.
  external: ['node-pty', 'execa', 'prom-client', 'ws', 'playwright-core', 'fsevents', 'cpu-features'],
  // import() becomes require(): code compiled by vm.Script has no module loader to import with.
  supported: { 'dynamic-import': false },
  write: false,
  define: {
    'process.env.NODE_ENV': '"production"',
    __AGENTOS_VERSION__: JSON.stringify(pkg.version),
    'import.meta.url': '__agentosModuleUrl',
  },
  banner: { js: "var __agentosModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
for (const f of oneshot.outputFiles) {
  if (/\bimport\(/.test(f.text)) throw new Error('dist/oneshot.cjs must not use import(): bin/agentos.js compiles it without a module loader');
  writeFileSync(f.path, f.contents);
}
await webClient;
writeFileSync(`${stage}/package.json`, JSON.stringify({ type: 'module' }));
const old = `.dist-old-${process.pid}`;
try {
  renameSync('dist', old);
} catch {}
renameSync(stage, 'dist');
rmSync(old, { recursive: true, force: true });
writeCodeCache();
if (!process.env.CI && process.stderr.isTTY) process.stderr.write(`agentos: built dist/ in ${Math.round(performance.now() - t0)} ms\n`);

/**
 * V8's code cache for dist/oneshot.cjs, made by running one syscall with the Node that
 * will run it (npm install builds here). A cache from another Node version is refused by
 * V8 and the bundle compiles as usual, so this can only make things faster.
 */
function writeCodeCache() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'agentos-build-'));
  try {
    const r = spawnSync(process.execPath, ['bin/agentos.js', 'syscall', 'time.now', '--local'], {
      env: { ...process.env, AGENTOS_HOME: home, AGENTOS_WRITE_CODE_CACHE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (r.status !== 0) process.stderr.write(`agentos: no code cache for the one-shot CLI (${r.stderr.toString().trim() || `exit ${r.status}`})\n`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
