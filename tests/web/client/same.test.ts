import { describe, expect, it } from 'vitest';
import { sameValue } from '../../../src/web/client/components/node.js';
import { sameList } from '../../../src/web/client/context.js';

describe('sameValue (a renderer draws again only when its props changed)', () => {
  it('sees rebuilt props with equal values as the same', () => {
    expect(sameValue({ text: '7', style: { color: 'red' }, items: [1, { a: 2 }] }, { text: '7', style: { color: 'red' }, items: [1, { a: 2 }] })).toBe(true);
  });
  it('sees any changed, added or removed value', () => {
    expect(sameValue({ text: '7' }, { text: '77' })).toBe(false);
    expect(sameValue({ text: '7' }, { text: '7', disabled: true })).toBe(false);
    expect(sameValue({ text: '7', disabled: undefined }, { text: '7', hidden: undefined })).toBe(false);
    expect(sameValue({ style: { color: 'red' } }, { style: { color: 'blue' } })).toBe(false);
    expect(sameValue({ items: [1, 2] }, { items: { 0: 1, 1: 2 } })).toBe(false);
    expect(sameValue({ items: [1, 2] }, { items: [1, 2, 3] })).toBe(false);
    expect(sameValue({ v: null }, { v: {} })).toBe(false);
    expect(sameValue({ v: 0 }, { v: '0' })).toBe(false);
  });
});

describe('sameList', () => {
  const byId = sameList<{ id: string }>((a, b) => a.id === b.id);
  it('compares item by item', () => {
    expect(byId([{ id: 'a' }, { id: 'b' }], [{ id: 'a' }, { id: 'b' }])).toBe(true);
    expect(byId([{ id: 'a' }, { id: 'b' }], [{ id: 'b' }, { id: 'a' }])).toBe(false);
    expect(byId([{ id: 'a' }], [{ id: 'a' }, { id: 'b' }])).toBe(false);
  });
});
