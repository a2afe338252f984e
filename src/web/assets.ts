import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findPackageRoot } from '../config/paths.js';

/**
 * The browser client as built by scripts/build.mjs into dist/web/: index.html and hashed
 * bundles under assets/. Read once into memory (it is a few hundred KB); names are the
 * only way in, so no request path reaches the host filesystem.
 */
export interface Assets {
  /** index.html, or null when the client was not built. */
  index: string | null;
  get(name: string): { body: Buffer; type: string } | undefined;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export const defaultAssetsDir = () => path.join(findPackageRoot(), 'dist', 'web');

export function loadAssets(dir: string = defaultAssetsDir()): Assets {
  const indexFile = path.join(dir, 'index.html');
  const index = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
  const files = new Map<string, { body: Buffer; type: string }>();
  const assetsDir = path.join(dir, 'assets');
  if (existsSync(assetsDir)) {
    for (const name of readdirSync(assetsDir)) {
      const type = TYPES[path.extname(name)];
      if (type) files.set(name, { body: readFileSync(path.join(assetsDir, name)), type });
    }
  }
  return { index, get: (name) => files.get(name) };
}

export const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>AgentOS</title><p>The browser client is not built. Run <code>npm run build</code> in the agentos folder and start again.</p>`;

export const LOGIN_PAGE = `<!doctype html><meta charset="utf-8"><title>AgentOS — token needed</title>
<style>body{font:16px system-ui;background:#111;color:#ddd;max-width:40em;margin:4em auto}code{color:#8cf}</style>
<h1>AgentOS</h1><p>This desktop needs its token. Open the address <code>agentos serve</code> (or <code>agentos shell --web</code>) printed: it ends in <code>?token=…</code>.</p>
<p><code>agentos status</code> shows it again.</p>`;
