// Bundles the browser client (src/web/client) into dist/web/: index.html and hashed
// assets (one entry, lazy chunks such as the terminal), minified for the browser.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `root` is where the whole build is staged before it replaces dist/. */
export async function buildWebClient(root = 'dist') {
  const OUT = `${root}/web`;
  mkdirSync(`${OUT}/assets`, { recursive: true });
  const result = await build({
    entryPoints: { main: 'src/web/client/main.tsx' },
    outdir: `${OUT}/assets`,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    minify: true,
    legalComments: 'none',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs);
  const [js, meta] = outputs.find(([, o]) => o.entryPoint === 'src/web/client/main.tsx') ?? [];
  if (!js) throw new Error('the web client build produced no entry bundle');
  const css = meta.cssBundle;
  const rel = (f) => `/assets/${path.basename(f)}`;
  // No inline script: the page is a shell for the bundle (the server's CSP forbids inline code).
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>AgentOS</title>
${css ? `<link rel="stylesheet" href="${rel(css)}">\n` : ''}<script type="module" src="${rel(js)}"></script>
</head>
<body>
<div id="root"></div>
<noscript>AgentOS needs JavaScript.</noscript>
</body>
</html>
`;
  writeFileSync(`${OUT}/index.html`, html);
}
