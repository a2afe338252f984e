import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { SUITES } from './suites/index.js';

/**
 * `npm run bench [-- NAME…]`: runs the suites, prints each figure, and merges them into
 * bench/results.json (written atomically) with the machine they were measured on.
 */
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const file = 'bench/results.json';
/** The figures already recorded, read again just before writing: another run may have added some meanwhile. */
function recorded(): Record<string, unknown> {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')).figures ?? {}) as Record<string, unknown>;
  } catch {
    return {};
  }
}
const measured: Record<string, unknown> = {};
let failed = 0;
for (const suite of SUITES) {
  if (only.length && !only.includes(suite.name)) continue;
  process.stderr.write(`bench: ${suite.name} (issue ${suite.issue})…\n`);
  try {
    const t = performance.now();
    const out = await suite.run();
    measured[suite.name] = { ...out, issue: suite.issue, measured_at: new Date().toISOString(), took_s: Math.round(performance.now() - t) / 1000 };
    process.stdout.write(`${suite.name}: ${JSON.stringify(out)}\n`);
  } catch (e) {
    failed++;
    measured[suite.name] = { status: 'failed', why: (e as Error).message, issue: suite.issue, measured_at: new Date().toISOString() };
    process.stderr.write(`bench: ${suite.name} failed: ${(e as Error).message}\n`);
  }
}
const results = {
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
  figures: { ...recorded(), ...measured },
};
mkdirSync('bench', { recursive: true });
const tmp = `${file}.${process.pid}.tmp`;
writeFileSync(tmp, JSON.stringify(results, null, 2) + '\n');
renameSync(tmp, file);
process.stderr.write(`bench: wrote ${file}\n`);
// A measurement that gave up may still hold a timer or socket: the run is over regardless.
process.exit(failed ? 1 : 0);
