import { beforeAll, describe, expect, it } from 'vitest';
import { computeDisplay, evaluate, loadMath } from '../../src/runtime/expr.js';

describe('expressions (restricted mathjs)', () => {
  beforeAll(() => loadMath());

  it('computes calculator text, with × ÷ − accepted', () => {
    expect(computeDisplay('7+3')).toBe('10');
    expect(computeDisplay('7×3')).toBe('21');
    expect(computeDisplay('10÷4')).toBe('2.5');
    expect(computeDisplay('9−2')).toBe('7');
    expect(computeDisplay('0.1+0.2')).toBe('0.3');
    expect(computeDisplay('2^10')).toBe('1024');
    expect(computeDisplay('sqrt(16)')).toBe('4');
    expect(computeDisplay('')).toBe('0');
  });

  it('shows numbers as a calculator does: no exponent for ordinary sizes, no float noise', () => {
    expect(computeDisplay('100000')).toBe('100000');
    expect(computeDisplay('99999+1')).toBe('100000');
    expect(computeDisplay('123456789*1000')).toBe('123456789000');
    expect(computeDisplay('0.1*3')).toBe('0.3');
    expect(computeDisplay('1.1*1.1')).toBe('1.21');
    expect(computeDisplay('1/3')).toBe('0.33333333333333');
    expect(computeDisplay('0.0001')).toBe('0.0001');
    expect(computeDisplay('-0.5*0')).toBe('0');
    expect(computeDisplay('10^25')).toBe('1e+25');
    expect(computeDisplay('10^-9')).toBe('1e-9');
  });

  it('gives "Error" for bad syntax, division by zero and unknown names', () => {
    for (const bad of ['7+', '1/0', '(((', 'foo + 1', 'import({x: 1})', 'createUnit("zz")', 'evaluate("1+1")', 'parse("1")', 'a = 5', 'f(x) = x'])
      expect(computeDisplay(bad), bad).toBe('Error');
  });

  it('reads its scope (state, event) but never assigns to it', () => {
    expect(evaluate('state.a + 1', { state: { a: 2 } })).toBe(3);
    expect(evaluate('state["btn-7"] * 2', { state: { 'btn-7': 4 } })).toBe(8);
    const state = { a: 1 };
    expect(() => evaluate('state.a = 3', { state })).toThrow(/cannot assign/);
    expect(state.a).toBe(1);
    expect(() => evaluate('state.constructor', { state })).toThrow();
  });
});
