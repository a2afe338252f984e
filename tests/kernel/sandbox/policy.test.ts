import { describe, expect, it } from 'vitest';
import { decide, dropGrant } from '../../../src/kernel/sandbox/policy.js';
import { globMatch } from '../../../src/kernel/sandbox/glob.js';
import { grantsFor } from '../../../src/kernel/sandbox/profiles.js';
import type { Grant } from '../../../src/kernel/sandbox/capabilities.js';

describe('glob scopes', () => {
  it.each([
    ['/home/**', '/home', true],
    ['/home/**', '/home/a/b/c', true],
    ['/home/**', '/homework', false],
    ['/home/*', '/home/a', true],
    ['/home/*', '/home/a/b', false],
    ['/tmp/?.txt', '/tmp/a.txt', true],
    ['/tmp/?.txt', '/tmp/ab.txt', false],
    ['/a.b', '/axb', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globMatch(glob, path)).toBe(expected);
  });
});

describe('decide', () => {
  it('denies what no grant covers', () => {
    expect(decide([], 'READ_FILE', '/home/a').allowed).toBe(false);
    expect(decide([{ cap: 'WRITE_FILE' }], 'READ_FILE', '/home/a').allowed).toBe(false);
  });

  it('lets the most specific rule win and deny win a tie', () => {
    const grants: Grant[] = [
      { cap: 'READ_FILE', scope: ['/home/**'] },
      { cap: 'READ_FILE', scope: ['/home/secret/**'], deny: true },
      { cap: 'READ_FILE', scope: ['/home/secret/public.txt'] },
    ];
    expect(decide(grants, 'READ_FILE', '/home/a').allowed).toBe(true);
    expect(decide(grants, 'READ_FILE', '/home/secret/x').allowed).toBe(false);
    expect(decide(grants, 'READ_FILE', '/home/secret/public.txt').allowed).toBe(true);
    const tie: Grant[] = [
      { cap: 'READ_FILE', scope: ['/tmp/**'] },
      { cap: 'READ_FILE', scope: ['/tmp/**'], deny: true },
    ];
    expect(decide(tie, 'READ_FILE', '/tmp/x').allowed).toBe(false);
  });

  it('matches hosts, ports and commands by their kind', () => {
    const grants: Grant[] = [
      { cap: 'NETWORK_ACCESS', scope: ['*.example.com', 'localhost'] },
      { cap: 'BIND_PORT', scope: ['8000-8100'] },
      { cap: 'SPAWN_PROCESS', scope: ['echo'] },
    ];
    expect(decide(grants, 'NETWORK_ACCESS', 'api.example.com').allowed).toBe(true);
    expect(decide(grants, 'NETWORK_ACCESS', 'example.com.evil.net').allowed).toBe(false);
    expect(decide(grants, 'NETWORK_ACCESS', 'LOCALHOST').allowed).toBe(true);
    expect(decide(grants, 'BIND_PORT', '8080').allowed).toBe(true);
    expect(decide(grants, 'BIND_PORT', '9000').allowed).toBe(false);
    expect(decide(grants, 'SPAWN_PROCESS', 'echo').allowed).toBe(true);
    expect(decide(grants, 'SPAWN_PROCESS', 'rm').allowed).toBe(false);
  });

  it('gives the profiles what they promise', () => {
    expect(decide(grantsFor('MINIMAL'), 'READ_FILE', '/home/a').allowed).toBe(false);
    expect(decide(grantsFor('MINIMAL'), 'TIME_ACCESS').allowed).toBe(true);
    expect(decide(grantsFor('STANDARD'), 'WRITE_FILE', '/home/a').allowed).toBe(true);
    expect(decide(grantsFor('STANDARD'), 'WRITE_FILE', '/apps/a').allowed).toBe(false);
    expect(decide(grantsFor('STANDARD'), 'SPAWN_PROCESS', 'ls').allowed).toBe(false);
    expect(decide(grantsFor('PRIVILEGED'), 'SPAWN_PROCESS', 'ls').allowed).toBe(true);
    expect(decide(grantsFor('PRIVILEGED'), 'WRITE_FILE', '/proc/1/status').allowed).toBe(false);
  });

  it('only ever shrinks grants when dropping', () => {
    const start = grantsFor('STANDARD');
    const noWrite = dropGrant(start, 'WRITE_FILE');
    expect(decide(noWrite, 'WRITE_FILE', '/home/a').allowed).toBe(false);
    const partly = dropGrant(start, 'READ_FILE', ['/home/private/**']);
    expect(decide(partly, 'READ_FILE', '/home/private/x').allowed).toBe(false);
    expect(decide(partly, 'READ_FILE', '/home/public').allowed).toBe(true);
  });
});
