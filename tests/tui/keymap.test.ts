import { describe, expect, it } from 'vitest';
import { ACTIONS, buildKeymap, helpRows, KEYMAP } from '../../src/tui/keymap.js';
import { renderKeys } from '../../src/docs/keys.js';

describe('keymap', () => {
  it('binds the direct keys and the window commands behind the prefix by default', () => {
    const km = buildKeymap();
    expect(km.prefix).toBe('C-a');
    expect(km.direct.get('C-k')).toBe('spotlight');
    expect(km.direct.get('f1')).toBe('help');
    expect(km.direct.get('C-q')).toBe('quit');
    expect(km.prefixed.get('4')).toBe('snap-left');
    expect(km.prefixed.get('x')).toBe('close');
    expect(km.prefixed.get('C-a')).toBe('send-prefix');
    expect(km.problems).toEqual([]);
  });

  it('has no key bound twice in one scope', () => {
    const km = buildKeymap();
    for (const scope of ['direct', 'prefix', 'window'] as const) {
      const seen = new Map<string, string>();
      for (const a of ACTIONS.filter((x) => KEYMAP[x].scope === scope)) {
        for (const k of km.keysOf.get(a)!) {
          expect(seen.get(k), `${k} in ${scope}`).toBeUndefined();
          seen.set(k, a);
        }
      }
    }
  });

  it('takes a configured prefix and overrides, and reports bad ones without failing', () => {
    const km = buildKeymap({ prefix: 'Ctrl+B', bindings: 'close=q Ctrl+W; spotlight=C-p; bogus=x; minimize=hyper+m' });
    expect(km.prefix).toBe('C-b');
    expect(km.prefixed.get('C-b')).toBe('send-prefix');
    expect(km.prefixed.get('C-a')).toBeUndefined();
    expect(km.prefixed.get('q')).toBe('close');
    expect(km.prefixed.get('C-w')).toBe('close');
    expect(km.prefixed.get('x')).toBeUndefined();
    expect(km.direct.get('C-p')).toBe('spotlight');
    expect(km.direct.get('C-k')).toBeUndefined();
    expect(km.problems.join('\n')).toMatch(/"bogus" is not an action/);
    expect(km.problems.join('\n')).toMatch(/"hyper\+m" is not a key/);
    expect(km.problems.join('\n')).toMatch(/both prefix-quit and close|both close and prefix-quit/);
    expect(buildKeymap({ prefix: 'nonsense+' }).problems[0]).toMatch(/not a key/);
  });

  it('gives every action a help row and docs/KEYS.md lists them all', () => {
    const rows = helpRows(buildKeymap());
    expect(rows).toHaveLength(ACTIONS.length);
    expect(rows.find((r) => r.action === 'snap-left')!.keys).toBe('Ctrl+A 4');
    const md = renderKeys();
    for (const a of ACTIONS) expect(md).toContain(`\`${a}\``);
  });
});
