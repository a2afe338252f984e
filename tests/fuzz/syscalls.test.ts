import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, KernelError } from '../../src/kernel/errors.js';
import { argsOf, type ArgInfo } from '../../src/kernel/introspect.js';
import type { Kernel } from '../../src/kernel/kernel.js';
import { grantsFor } from '../../src/kernel/sandbox/profiles.js';
import { SYSCALLS } from '../../src/kernel/syscalls/index.js';
import { testKernel, tempDir } from '../helpers/kernel.js';
import { FUZZ_RUNS, homeOf, snapshot, withTimeout } from './helpers.js';

/**
 * Every syscall in the table, called with random arguments as a STANDARD app and as the
 * (PRIVILEGED) user: it resolves, or rejects with a KernelError carrying a known code and
 * a one-line message; it never hangs or leaves a rejection unhandled; and when it is
 * refused, /home is as it was. Arguments that would reach outside the test (commands, host
 * folders to mount, remote hosts) are pinned to harmless values; timeouts are clamped so
 * no call legitimately waits long.
 */
const RUNS = Math.max(1, Math.round(FUZZ_RUNS / 60));

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];
const nasty = fc.constantFrom(
  '', '.', '..', '/', '/home', '/home/../..', '/etc/passwd', '/proc/self/environ', '/proc/1/fd', 'a\0b', '\0',
  '/HOME/x', '／home／x', '%2e%2e%2f', '..%2f..%2f', 'C:\\Windows', '\\\\server\\share', '-rf', '--help', '$(id)', '`id`', '; rm -rf /',
  '\u202e', '\x1b[2J', '\x1b]52;c;aGk=\x07', 'NaN', 'Infinity', '-1', '0x10', '1e309', '__proto__', 'constructor',
  'x'.repeat(70_000), 'é'.repeat(5000), '\ud800',
);
const anyJson = fc.jsonValue({ maxDepth: 3 });
const nested = fc.letrec((tie) => ({ v: fc.oneof({ depthSize: 'small' }, fc.constant(1), fc.array(tie('v'), { maxLength: 2 }), fc.dictionary(fc.constantFrom('a', ...PROTO_KEYS), tie('v'), { maxKeys: 2 })) })).v;
const weird = fc.oneof(nasty, anyJson, nested, fc.constantFrom(null, undefined, NaN, Infinity, -Infinity, -0, 2 ** 53, -1, 1e308), fc.string({ unit: 'binary', maxLength: 40 }));

function shaped(a: ArgInfo): fc.Arbitrary<unknown> {
  const enumValues = a.type.includes('|') ? a.type.split('|').filter((s) => !['string', 'number', 'boolean', 'object'].includes(s)) : [];
  const byKind: Record<ArgInfo['kind'], fc.Arbitrary<unknown>> = {
    string: fc.oneof(fc.string({ maxLength: 30 }), nasty, enumValues.length ? fc.constantFrom(...enumValues) : fc.constant('x')),
    number: fc.oneof(fc.integer({ min: -5, max: 70_000 }), fc.double(), fc.constantFrom(0, 1, -1, 2 ** 31, 2 ** 53, 1e12)),
    boolean: fc.boolean(),
    json: fc.oneof(anyJson, nested, fc.dictionary(fc.constantFrom('a', 'mode', 'max_open_files', 'cpu_ms', ...PROTO_KEYS), anyJson, { maxKeys: 3 })),
  };
  return fc.oneof({ weight: 4, arbitrary: byKind[a.kind] }, { weight: 1, arbitrary: weird });
}

/** An argument object for the syscall, or (rarely) anything at all in its place. */
function argsFor(infos: ArgInfo[]): fc.Arbitrary<unknown> {
  const obj = fc.record(Object.fromEntries(infos.map((a) => [a.name, shaped(a)])), { requiredKeys: [] });
  const extra = fc.tuple(obj, fc.constantFrom(...PROTO_KEYS, 'extra'), weird).map(([o, k, v]) => {
    const out = { ...(o as object) };
    Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
    return out;
  });
  return fc.oneof({ weight: 12, arbitrary: obj }, { weight: 1, arbitrary: extra }, { weight: 1, arbitrary: weird });
}

const JS_SLIP = /Cannot read propert|is not a function|is not iterable|Cannot convert|Maximum call stack|Invalid array length|is not defined|\[object Object\]/;

const TIMEOUT_ARGS = new Set(['timeout_ms', 'ms']);

/** Pin what could reach outside the test kernel; clamp what could wait. */
function tame(name: string, raw: unknown, actor: 'app' | 'user', spareDir: string): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const a = raw as Record<string, unknown>;
  const def = SYSCALLS.find((d) => d.name === name)!;
  for (const info of argsOf(def)) {
    if (TIMEOUT_ARGS.has(info.name) && (typeof a[info.name] !== 'number' || (a[info.name] as number) > 20 || !Number.isFinite(a[info.name]))) a[info.name] = 5;
  }
  if (name === 'proc.spawn' || name === 'pty.spawn') {
    a.command = typeof a.command === 'string' && a.command.length % 2 ? 'echo' : 'true';
    if (name === 'proc.spawn') a.background = false;
  }
  if (name === 'fs.mount') a.source = spareDir;
  if (actor === 'user') {
    if (typeof a.url === 'string') a.url = `http://127.0.0.1:9/${a.url.slice(0, 20).replace(/[^a-z0-9]/gi, "_")}`;
    if ('host' in a) a.host = '127.0.0.1';
  }
  return a;
}

let unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));

function setup(): { k: Kernel; appPid: number; home: string; spare: string } {
  const apps = tempDir('agentos-fuzz-apps-');
  writeFileSync(path.join(apps, 'shipped.bp'), '{}');
  const k = testKernel({ appsDir: apps });
  const home = homeOf(k);
  mkdirSync(path.join(home, 'docs'));
  writeFileSync(path.join(home, 'docs', 'a.txt'), 'alpha');
  writeFileSync(path.join(home, 'b.txt'), 'beta');
  const grants = [...grantsFor('STANDARD'), { cap: 'SPAWN_PROCESS' as const, scope: ['true', 'echo'] }];
  const app = k.spawnProcess({ name: 'fuzzed', kind: 'app', grants, profile: 'STANDARD', ppid: k.initPid, cwd: '/home' });
  return { k, appPid: app.pid, home, spare: tempDir('agentos-fuzz-mount-') };
}

describe('every syscall under random arguments', () => {
  it('covers the whole table', () => {
    expect(SYSCALLS.length).toBeGreaterThan(90);
  });

  for (const def of SYSCALLS) {
    it(`${def.name}: a result or a KernelError, never a hang, and refusals change nothing`, async () => {
      const { k, appPid, home, spare } = setup();
      const infos = argsOf(def);
      for (const actor of ['app', 'user'] as const) {
        const pid = actor === 'app' ? appPid : k.userPid;
        await fc.assert(
          fc.asyncProperty(argsFor(infos), async (raw) => {
            if (!k.procs.get(pid)) return; // the process ended itself (proc.kill of its own pid): nothing more to call
            const args = tame(def.name, structuredCloneSafe(raw), actor, spare);
            const before = snapshot(home);
            const outcome = await withTimeout(k.syscall(pid, def.name, args).then(() => 'ok' as const, (e: unknown) => e), 5000, `${def.name} ${JSON.stringify(args)?.slice(0, 200)}`);
            if (outcome === 'ok') return;
            expect(outcome, `${def.name} threw a non-kernel error`).toBeInstanceOf(KernelError);
            const err = outcome as KernelError;
            expect(ERROR_CODES).toContain(err.code);
            expect(err.message.length).toBeGreaterThan(0);
            expect(err.message, 'one line').not.toMatch(/\n/);
            // A JavaScript slip inside a handler surfaces as EIO with the engine's words: a bug, not a refusal.
            expect(err.message, `${def.name}: an internal error leaked`).not.toMatch(JS_SLIP);
            expect(snapshot(home), `${def.name} refused (${err.code}: ${err.message}) but changed /home`).toEqual(before);
          }),
          { numRuns: RUNS, endOnFailure: true },
        );
      }
      expect(unhandled).toEqual([]);
      unhandled = [];
    });
  }
});

/** fast-check may hand the same object to several runs; the kernel must not see shared state. */
function structuredCloneSafe(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(structuredCloneSafe);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: structuredCloneSafe((v as Record<string, unknown>)[k]), enumerable: true, configurable: true, writable: true });
  return out;
}

