import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/syscall-args.js';
import { UsageError } from '../../src/cli/errors.js';
import { fsSyscalls } from '../../src/kernel/syscalls/fs.js';
import type { SyscallDef } from '../../src/kernel/syscall.js';

const def = (name: string) => fsSyscalls.find((d) => d.name === name) as unknown as SyscallDef;

describe('command-line syscall arguments', () => {
  it('takes positionals in declared order and converts by kind', () => {
    expect(parseCliArgs(def('fs.read'), ['/home/a', 'base64', '2', '3'])).toEqual({ path: '/home/a', encoding: 'base64', offset: 2, length: 3 });
    expect(parseCliArgs(def('fs.mkdir'), ['/home/d', 'true'])).toEqual({ path: '/home/d', recursive: true });
  });

  it('mixes key=value with positionals, filling the next free argument', () => {
    expect(parseCliArgs(def('fs.write'), ['content=hi there', '/home/a'])).toEqual({ content: 'hi there', path: '/home/a' });
  });

  it('keeps = inside values that are not argument names', () => {
    expect(parseCliArgs(def('fs.write'), ['/home/a', 'x=1'])).toEqual({ path: '/home/a', content: 'x=1' });
  });

  it('merges --args JSON, and reports bad JSON as a usage error', () => {
    expect(parseCliArgs(def('fs.read'), [], '{"path":"/home/a","offset":1}')).toEqual({ path: '/home/a', offset: 1 });
    expect(() => parseCliArgs(def('fs.read'), [], '{path:')).toThrow(UsageError);
    expect(() => parseCliArgs(def('fs.read'), [], '[1]')).toThrow(/JSON object/);
  });

  it('refuses one word too many with the signature', () => {
    expect(() => parseCliArgs(def('fs.delete'), ['/a', '/b'])).toThrow(/takes at most 1 argument \(path\); "\/b" is one too many/);
  });

  it('leaves unconvertible words for the kernel to reject', () => {
    expect(parseCliArgs(def('fs.truncate'), ['/a', 'ten'])).toEqual({ path: '/a', length: 'ten' });
  });
});
