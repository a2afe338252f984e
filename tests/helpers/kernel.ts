import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { Kernel, type KernelOptions } from '../../src/kernel/kernel.js';
import { KernelError } from '../../src/kernel/errors.js';

const cleanups: (() => void | Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

export function tempDir(prefix = 'agentos-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A kernel on a fresh temp data dir, shut down after the test. */
export function testKernel(opts: Partial<KernelOptions> = {}): Kernel {
  const k = new Kernel({ home: tempDir(), ...opts });
  cleanups.push(() => k.shutdown());
  return k;
}

/** The error a promise rejects with, asserting it is a KernelError. */
export async function kernelError(p: Promise<unknown>): Promise<KernelError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof KernelError) return e;
    throw new Error(`expected a KernelError, got ${e}`);
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export function onCleanup(fn: () => void | Promise<void>) {
  cleanups.push(fn);
}
