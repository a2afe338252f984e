import { describe, expect, it } from 'vitest';
import { boundStateKey, parseKeyName, resolveBindings, stateKeysRead } from '../../src/blueprint/index.js';

describe('state bindings', () => {
  const scope = { state: { display: '12', count: 3, 'note-title': 'Hi', list: [{ name: 'a' }] }, event: { value: 'x' }, props: { text: '7' } };

  it('gives a whole binding its value with its type, and interpolates inside text', () => {
    expect(resolveBindings('{{state.count}}', scope)).toBe(3);
    expect(resolveBindings('{{ state.list[0].name }}', scope)).toBe('a');
    expect(resolveBindings('Count: {{state.count}}, {{state.missing}}!', scope)).toBe('Count: 3, !');
    expect(resolveBindings({ a: ['{{event.value}}', '{{props.text}}'], b: '{{state.note-title}}' }, scope)).toEqual({ a: ['x', '7'], b: 'Hi' });
  });

  it('returns values without bindings as the same object', () => {
    const v = { a: [1, 'plain'], b: { c: 'text {not a binding}' } };
    expect(resolveBindings(v, scope)).toBe(v);
  });

  it('never reads through the prototype', () => {
    expect(resolveBindings('{{state.constructor}}', scope)).toBeUndefined();
    expect(resolveBindings('{{state.__proto__}}', scope)).toBeUndefined();
    expect(resolveBindings('{{toString}}', scope)).toBeUndefined();
  });

  it('lists the state keys a value reads', () => {
    expect(stateKeysRead({ a: '{{state.a}} {{state.b.c}}', b: ['{{event.value}}', '{{state.a}}'] })).toEqual(['a', 'b']);
  });

  it('binds value components two-way to their id, or to the state key their value names', () => {
    expect(boundStateKey({ type: 'input', id: 'display', props: {} })).toBe('display');
    expect(boundStateKey({ type: 'checkbox', id: 'c', props: { checked: '{{state.done}}' } })).toBe('done');
    expect(boundStateKey({ type: 'slider', id: 's', props: { value: 'v: {{state.x}}' } })).toBe('s');
    expect(boundStateKey({ type: 'button', id: 'b', props: {} })).toBeUndefined();
  });
});

describe('key names', () => {
  const ok: [string, string][] = [
    ['a', 'a'], ['A', 'A'], ['7', '7'], ['-', '-'], ['+', '+'], [' ', 'Space'], ['enter', 'Enter'], ['Return', 'Enter'],
    ['esc', 'Escape'], ['ArrowUp', 'Up'], ['pgdn', 'PageDown'], ['f12', 'F12'], ['C-s', 'C-s'], ['Ctrl+S', 'C-S'],
    ['S-M-C-x', 'C-M-S-x'], ['alt-Enter', 'M-Enter'], ['C--', 'C--'], ['C-+', 'C-+'], ['M-é', 'M-é'],
  ];
  for (const [input, canonical] of ok) it(`reads ${JSON.stringify(input)} as ${canonical}`, () => expect(parseKeyName(input)).toEqual({ ok: true, key: canonical }));

  it('refuses what is not a key', () => {
    for (const bad of ['', 'Hyper-a', 'C-C-a', 'Enterr', 'F13', 'ab']) expect(parseKeyName(bad).ok).toBe(false);
    expect(parseKeyName('Escp')).toMatchObject({ ok: false, message: expect.stringContaining('did you mean "Escape"') });
  });
});
