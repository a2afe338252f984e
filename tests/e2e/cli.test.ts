import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentos } from '../helpers/cli.js';
import { tempDir } from '../helpers/kernel.js';

const env = () => ({ AGENTOS_HOME: tempDir() });
const STACK = /^\s+at .*:\d+:\d+\)?$/m;

describe('agentos (the built binary)', () => {
  it('prints its version and help with examples', () => {
    const e = env();
    expect(agentos(['--version'], e).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = agentos(['--help'], e);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('syscall');
    const sub = agentos(['syscall', '--help'], e);
    expect(sub.stdout).toContain('agentos syscall fs.write /home/a.txt hello');
  });

  it('writes and reads a file in /home, which lands in AGENTOS_HOME', () => {
    const e = env();
    expect(agentos(['syscall', 'fs.write', '/home/a.txt', 'hello'], e).code).toBe(0);
    const r = agentos(['syscall', 'fs.read', '/home/a.txt'], e);
    expect(r).toMatchObject({ code: 0, stdout: 'hello\n' });
    expect(readFileSync(path.join(e.AGENTOS_HOME, 'a.txt'), 'utf8')).toBe('hello');
  });

  it('prints raw JSON with --json and takes key=value and --args', () => {
    const e = env();
    agentos(['syscall', 'fs.write', 'path=/home/b.txt', 'content=x y'], e);
    const list = agentos(['syscall', 'fs.list', 'path=/home', '--json'], e);
    expect(JSON.parse(list.stdout).map((f: { name: string }) => f.name)).toContain('b.txt');
    const r = agentos(['syscall', 'fs.read', '--args', '{"path":"/home/b.txt","encoding":"base64"}', '--json'], e);
    expect(JSON.parse(r.stdout)).toBe(Buffer.from('x y').toString('base64'));
  });

  it('exits 1 with one line for kernel errors, never a stack trace', () => {
    const e = env();
    const missing = agentos(['syscall', 'fs.read', '/home/missing.txt'], e);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toBe('agentos: fs.read: ENOENT: /home/missing.txt does not exist\n');
    const unknown = agentos(['syscall', 'no.such_call'], e);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).not.toMatch(STACK);
    const badType = agentos(['syscall', 'time.sleep', 'soon'], e);
    expect(badType.code).toBe(1);
    expect(badType.stderr).toMatch(/^agentos: time\.sleep: EINVAL: ms: /);
  });

  it('exits 2 for usage errors', () => {
    const e = env();
    expect(agentos(['syscall'], e).code).toBe(2);
    expect(agentos(['syscall', 'fs.read', '--args', '{nope'], e).code).toBe(2);
    expect(agentos(['syscall', 'fs.delete', '/a', '/b'], e).code).toBe(2);
    const bogus = agentos(['frobnicate'], e);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/^agentos: unknown command 'frobnicate'/);
  });

  it('refuses escapes and harms nothing', () => {
    const e = env();
    const outside = tempDir();
    writeFileSync(path.join(outside, 'secret'), 'keep');
    symlinkSync(outside, path.join(e.AGENTOS_HOME, 'out'));
    for (const p of ['/home/../../etc/passwd', '/etc/passwd', '/home/out/secret']) {
      const r = agentos(['syscall', 'fs.read', p], e);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
    }
    expect(agentos(['syscall', 'fs.write', '/home/out/secret', 'gone'], e).code).toBe(1);
    expect(agentos(['syscall', 'fs.write', '/apps/x.bp', '{}'], e).stderr).toMatch(/EROFS/);
    expect(readFileSync(path.join(outside, 'secret'), 'utf8')).toBe('keep');
    expect(existsSync(path.join(outside, 'x.bp'))).toBe(false);
  });

  it('lists every syscall with arguments, capability and meaning', () => {
    const e = env();
    const text = agentos(['syscall', '--list'], e);
    expect(text.stdout).toMatch(/fs\.read\s+path \[encoding\] \[offset\] \[length\]\s+READ_FILE\s+Read a whole file/);
    const json = JSON.parse(agentos(['syscall', '--list', '--json'], e).stdout);
    const read = json.find((s: { name: string }) => s.name === 'fs.read');
    expect(read.caps).toEqual(['READ_FILE']);
    expect(read.args[0]).toMatchObject({ name: 'path', required: true, type: 'string' });
  });

  it('shows stack traces only with AGENTOS_DEBUG=1', () => {
    const e = env();
    const r = agentos(['syscall', 'fs.read', '/home/missing'], { ...e, AGENTOS_DEBUG: '1' });
    expect(r.stderr).toMatch(STACK);
  });

  it('reads and writes settings through config', () => {
    const e = env();
    expect(agentos(['config', 'set', 'theme', 'light'], e).code).toBe(0);
    expect(agentos(['config', 'get', 'theme'], e).stdout.trim()).toBe('light');
    const bad = agentos(['config', 'set', 'theme', 'neon'], e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^agentos: theme: /);
    expect(agentos(['config', 'set', 'them', 'light'], e).stderr).toContain('did you mean "theme"');
    const list = JSON.parse(agentos(['config', 'list', '--json'], e).stdout);
    expect(list.find((r: { key: string }) => r.key === 'theme')).toMatchObject({ value: 'light', set: true });
    expect(agentos(['config', 'unset', 'theme'], e).code).toBe(0);
    expect(agentos(['config', 'get', 'theme'], e).stdout.trim()).toBe('dark');
  });

  it('answers sys.info and sys.metrics', () => {
    const e = env();
    const info = JSON.parse(agentos(['syscall', 'sys.info', '--json'], e).stdout);
    expect(info).toMatchObject({ name: 'AgentOS' });
    expect(info.mounts).toContain('/home localfs');
    expect(agentos(['syscall', 'sys.metrics'], e).stdout).toContain('# TYPE agentos_syscall_duration_seconds histogram');
  });
});
