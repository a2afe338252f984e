import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastPathOf } from '../../src/cli/fast-args.js';
import { SYSCALL_COMMAND } from '../../src/cli/syscall-command.js';
import { parseCliArgs } from '../../src/cli/syscall-args.js';
import { pipeSyscalls } from '../../src/kernel/syscalls/pipe.js';
import type { SyscallDef } from '../../src/kernel/syscall.js';
import { agentos } from '../helpers/cli.js';
import { tempDir } from '../helpers/kernel.js';

describe('the one-shot syscall path', () => {
  it('reads the syscall command\'s own flags, and leaves help and unknown flags to commander', () => {
    expect(fastPathOf(SYSCALL_COMMAND, ['syscall', 'time.now', '--json'])).toBeTypeOf('function');
    expect(fastPathOf(SYSCALL_COMMAND, ['syscall', 'fs.read', '--args', '{}', '--local'])).toBeTypeOf('function');
    for (const argv of [['syscall', '--help'], ['syscall', 'time.now', '-h'], ['syscall', 'time.now', '--jsn'], ['syscall', 'fs.read', '--args']]) {
      expect(fastPathOf(SYSCALL_COMMAND, argv), argv.join(' ')).toBeUndefined();
    }
  });

  it('ships as one CommonJS file with a V8 code cache, and answers like the full CLI', () => {
    expect(existsSync(path.resolve('dist/oneshot.cjs'))).toBe(true);
    expect(existsSync(path.resolve('dist/oneshot.cjs.cache'))).toBe(true);
    const env = { AGENTOS_HOME: tempDir() };
    expect(JSON.parse(agentos(['syscall', 'time.now', '--json'], env).stdout)).toHaveProperty('ms');
    // --help is not the fast path's: commander prints it.
    expect(agentos(['syscall', '--help'], env).stdout).toContain('Usage: agentos syscall');
    const denied = agentos(['syscall', 'proc.spawn', '-definitely-not-a-program'], env);
    expect(denied).toMatchObject({ code: 1, stdout: '' });
    expect(denied.stderr).toMatch(/^agentos: proc\.spawn: EINVAL: /);
  });

  it('passes command-line data as text: bytes are for callers in the same process', () => {
    const write = pipeSyscalls.find((d) => d.name === 'pipe.write') as unknown as SyscallDef;
    expect(parseCliArgs(write, ['1', '123'])).toEqual({ id: 1, data: '123' });
  });
});
