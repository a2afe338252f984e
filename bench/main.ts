import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { SUITES } from './suites/index.js';

/**
 * `npm run bench [-- NAME…]`: runs the suites, prints each figure, and merges them into
 * bench/results.json (written atomically) with the machine they were measured on.
 */
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const file = 'bench/results.json';
let results: Record<string, unknown> = {};
try {
  results = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  results = {};
}
const figures = (results.figures ?? {}) as Record<string, unknown>;
let failed = 0;
for (const suite of SUITES) {
  if (only.length && !only.includes(suite.name)) continue;
  process.stderr.write(`bench: ${suite.name} (issue ${suite.issue})…\n`);
  try {
    const t = performance.now();
    const out = await suite.run();
    figures[suite.name] = { ...out, issue: suite.issue, measured_at: new Date().toISOString(), took_s: Math.round(performance.now() - t) / 1000 };
    process.stdout.write(`${suite.name}: ${JSON.stringify(out)}\n`);
  } catch (e) {
    failed++;
    process.stderr.write(`bench: ${suite.name} failed: ${(e as Error).message}\n`);
  }
}
results = {
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
  figures,
};
mkdirSync('bench', { recursive: true });
writeFileSync(file + '.tmp', JSON.stringify(results, null, 2) + '\n');
renameSync(file + '.tmp', file);
process.stderr.write(`bench: wrote ${file}\n`);
process.exitCode = failed ? 1 : 0;
