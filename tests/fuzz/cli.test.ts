import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYSCALLS } from '../../src/kernel/syscalls/index.js';
import { agentos } from '../helpers/cli.js';
import { tempDir } from '../helpers/kernel.js';
import { FUZZ_RUNS } from './helpers.js';

/**
 * Random command lines through the built binary: every run ends with a documented exit
 * code (0 ok, 1 kernel error, 2 usage, 3 nothing running) and at most a few lines on
 * stderr, never a stack trace. Commands that start a UI, a server or a model, and
 * syscalls that reach outside the temp home or wait, are left out: they are covered
 * by their own tests and would only make this one slow.
 */
const RUNS = Math.max(10, Math.round(FUZZ_RUNS / 50));

const OUTSIDE = /^(proc|pty|net|socket)\.|^fs\.(mount|watch)$|^time\.sleep$|^(pipe\.read|queue\.receive)$/;
const SAFE_SYSCALLS = SYSCALLS.map((d) => d.name).filter((n) => !OUTSIDE.test(n));

const word = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '--json', '--args', '{', '{"path":1}', '[]', 'null', '--list', '-h', '--help', '--', '-', '-x', '--nope', '--pid', '99999', '-1', '0', '1e400', 'NaN',
    'path=/home/a', 'path=', '=x', 'content=\x1b[2J', '/home/../../etc/passwd', '/proc/self/environ', 'a\u0000b', 'é'.repeat(300), 'x'.repeat(5000),
    '__proto__', 'constructor', 'TERM', 'SIGKILL', 'theme', 'provider', 'keymap', 'sandbox', 'get', 'set', 'unset', 'list', 'show', 'delete',
  ).filter((s) => !s.includes('\u0000')),
);

const commandLine = fc.oneof(
  fc.tuple(fc.constant('syscall'), fc.constantFrom(...SAFE_SYSCALLS, 'no.such', 'fs', ''), fc.array(word, { maxLength: 4 })).map(([c, n, w]) => [c, n, ...w]),
  fc.tuple(fc.constantFrom('config', 'docs', 'ps', 'kill', 'status', 'apps', 'sessions', 'help', 'frobnicate', ''), fc.array(word, { maxLength: 4 })).map(([c, w]) => [c, ...w]),
);

/** Flags that write outside the temp home (docs --write rewrites the package's docs/). */
const WRITES_PACKAGE = (argv: string[]) => argv[0] === 'docs' && argv.some((a) => a.startsWith('--w'));

describe('the CLI under random arguments', () => {
  it('exits 0-3 with a short stderr and no stack trace', () => {
    const home = tempDir('agentos-cli-fuzz-');
    fc.assert(
      fc.property(commandLine, (argv) => {
        fc.pre(!WRITES_PACKAGE(argv));
        const r = agentos(argv, { AGENTOS_HOME: home }, { timeout: 20_000 });
        const what = `agentos ${JSON.stringify(argv)} → ${r.code}\n${r.stderr}`;
        expect([0, 1, 2, 3], what).toContain(r.code);
        expect(r.stderr, what).not.toMatch(/^\s+at .+[(:]\d+/m);
        // A command group called bare shows its help, which is long by design.
        if (!r.stderr.startsWith('Usage:')) expect(r.stderr.trim().split('\n').length, what).toBeLessThanOrEqual(4);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
