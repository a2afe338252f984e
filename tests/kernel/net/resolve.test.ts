import { describe, expect, it } from 'vitest';
import { internalKind, pinHost, pinnedLookup } from '../../../src/kernel/net/resolve.js';
import type { Grant } from '../../../src/kernel/sandbox/capabilities.js';
import { kernelError, testKernel } from '../../helpers/kernel.js';

const procWith = (grants: Grant[]) => {
  const k = testKernel();
  return k.spawnProcess({ name: 'net-app', kind: 'app', grants, profile: 'custom', ppid: k.initPid });
};

describe('resolving and pinning hosts', () => {
  it('knows loopback, private, link-local and reserved addresses from public ones', () => {
    for (const a of ['127.0.0.1', '127.9.9.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect(internalKind(a), a).toBeDefined();
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111']) expect(internalKind(a), a).toBeUndefined();
  });

  it('pins a name to every address it resolves to, each checked', async () => {
    const pin = await pinHost(procWith([{ cap: 'NETWORK_ACCESS', scope: ['localhost'] }]), 'localhost', 80);
    expect(pin.host).toBe('localhost');
    expect(pin.addresses.map((a) => a.address)).toContain('127.0.0.1');
    const e = await kernelError(pinHost(procWith([{ cap: 'NETWORK_ACCESS', scope: ['localhost'] }, { cap: 'NETWORK_ACCESS', scope: ['127.0.0.1:80'], deny: true }]), 'localhost', 80));
    expect(e.message).toContain('localhost resolves to 127.0.0.1');
    expect(e.message).toContain('127.0.0.1:80');
    expect((await kernelError(pinHost(procWith([{ cap: 'NETWORK_ACCESS' }]), 'no-such-host.invalid'))).code).toBe('ENOENT');
  });

  it('answers lookups with the pinned addresses only, and only for the pinned name', () => {
    const lookup = pinnedLookup({ host: 'example.test', addresses: [{ address: '203.0.113.7', family: 4 }, { address: '2001:db8::7', family: 6 }] });
    const answers: unknown[][] = [];
    lookup('example.test', { all: true }, (...a) => answers.push(a));
    lookup('example.test', {}, (...a) => answers.push(a));
    lookup('example.test', { family: 6 }, (...a) => answers.push(a));
    lookup('elsewhere.test', {}, (...a) => answers.push(a));
    expect(answers[0]).toEqual([null, [{ address: '203.0.113.7', family: 4 }, { address: '2001:db8::7', family: 6 }]]);
    expect(answers[1]).toEqual([null, '203.0.113.7', 4]);
    expect(answers[2]).toEqual([null, '2001:db8::7', 6]);
    expect((answers[3]![0] as { code: string }).code).toBe('ENOTFOUND');
  });
});
