import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { DOCS } from '../../docs/index.js';
import { findPackageRoot } from '../../config/paths.js';
import { ExitError } from '../errors.js';

export default async function docs(opts: { write?: boolean; check?: boolean }): Promise<number> {
  const root = findPackageRoot();
  const stale: string[] = [];
  for (const d of DOCS) {
    const text = await d.render();
    const file = path.join(root, d.file);
    const current = (() => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    })();
    if (opts.write) {
      if (current !== text) {
        writeFileSync(file + '.tmp', text);
        renameSync(file + '.tmp', file);
        process.stderr.write(`wrote ${d.file}\n`);
      }
    } else if (opts.check) {
      if (current !== text) stale.push(d.file);
    } else process.stdout.write(text);
  }
  if (stale.length) throw new ExitError(`stale: ${stale.join(', ')}; run \`npm run docs\``, 1);
  return 0;
}
