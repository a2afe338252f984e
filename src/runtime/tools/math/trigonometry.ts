import { z } from 'zod';
import { defineTool, type ToolDef } from '../types.js';
import { fail, finite } from './errors.js';
import { angleUnit, num } from './schemas.js';

type Unit = 'rad' | 'deg';
const toRad = (v: number, unit: Unit) => (unit === 'deg' ? ((v % 360) * Math.PI) / 180 : v);
const fromRad = (v: number, unit: Unit) => (unit === 'deg' ? (v * 180) / Math.PI : v);

/** sin(π) is 1.2e-16 in floating point; a calculator should say 0. Tiny inputs keep tiny outputs. */
const snap = (v: number, rad: number) => (Math.abs(v) < 1e-14 && Math.abs(rad) > 1e-7 ? 0 : v);
const sinOf = (r: number) => snap(Math.sin(r), r);
const cosOf = (r: number) => snap(Math.cos(r), r);

const show = (v: number, unit: Unit) => (unit === 'deg' ? `${v}°` : `${v} rad`);

/** Functions of an angle; `zeroOf` names the part that must not be 0 (tan needs cos). */
function ofAngle(name: string, doc: string, fn: (r: number) => number, zeroOf?: ['sin' | 'cos', (r: number) => number]): ToolDef {
  const id = `math.${name}`;
  return defineTool({
    id,
    doc: `${doc} The angle is in radians, or degrees with unit "deg".`,
    params: () => z.object({ value: num.describe('the angle'), unit: angleUnit }),
    run(_ctx, p) {
      const r = toRad(p.value, p.unit);
      if (zeroOf && zeroOf[1](r) === 0) fail(id, `${name} is undefined at ${show(p.value, p.unit)} (${zeroOf[0]} is 0 there)`);
      return finite(id, fn(r));
    },
  });
}

/** Inverse functions: a number in, an angle out (in `unit`). */
function toAngle(name: string, doc: string, fn: (v: number) => number, domain?: [(v: number) => boolean, string]): ToolDef {
  const id = `math.${name}`;
  return defineTool({
    id,
    doc: `${doc} The angle comes out in radians, or degrees with unit "deg".`,
    params: () => z.object({ value: num.describe('the number'), unit: angleUnit }),
    run(_ctx, p) {
      if (domain && !domain[0](p.value)) fail(id, `${name} is only defined for ${domain[1]} (got ${p.value})`);
      return finite(id, fromRad(fn(p.value), p.unit));
    },
  });
}

/** Hyperbolic functions take and give plain numbers. */
function hyperbolic(name: string, doc: string, fn: (v: number) => number, domain?: [(v: number) => boolean, string]): ToolDef {
  const id = `math.${name}`;
  return defineTool({
    id,
    doc,
    params: () => z.object({ value: num.describe('the number') }),
    run(_ctx, p) {
      if (domain && !domain[0](p.value)) fail(id, `${name} is only defined for ${domain[1]} (got ${p.value})`);
      return finite(id, fn(p.value));
    },
  });
}

const unitRange: [(v: number) => boolean, string] = [(v) => v >= -1 && v <= 1, 'values from -1 to 1'];

export const TRIGONOMETRY_TOOLS: ToolDef[] = [
  ofAngle('sin', 'Sine.', sinOf),
  ofAngle('cos', 'Cosine.', cosOf),
  ofAngle('tan', 'Tangent.', (r) => sinOf(r) / cosOf(r), ['cos', cosOf]),
  ofAngle('sec', 'Secant (1/cos).', (r) => 1 / cosOf(r), ['cos', cosOf]),
  ofAngle('csc', 'Cosecant (1/sin).', (r) => 1 / sinOf(r), ['sin', sinOf]),
  ofAngle('cot', 'Cotangent (cos/sin).', (r) => cosOf(r) / sinOf(r), ['sin', sinOf]),
  toAngle('asin', 'Arcsine.', Math.asin, unitRange),
  toAngle('acos', 'Arccosine.', Math.acos, unitRange),
  toAngle('atan', 'Arctangent.', Math.atan),
  defineTool({
    id: 'math.atan2',
    doc: 'The angle of the point (x, y) from the x axis, in radians or degrees with unit "deg".',
    params: () => z.object({ y: num.describe('the y coordinate'), x: num.describe('the x coordinate'), unit: angleUnit }),
    run(_ctx, p) {
      if (p.x === 0 && p.y === 0) fail('math.atan2', 'the angle of the point (0, 0) is undefined');
      return finite('math.atan2', fromRad(Math.atan2(p.y, p.x), p.unit));
    },
  }),
  hyperbolic('sinh', 'Hyperbolic sine.', Math.sinh),
  hyperbolic('cosh', 'Hyperbolic cosine.', Math.cosh),
  hyperbolic('tanh', 'Hyperbolic tangent.', Math.tanh),
  hyperbolic('asinh', 'Inverse hyperbolic sine.', Math.asinh),
  hyperbolic('acosh', 'Inverse hyperbolic cosine.', Math.acosh, [(v) => v >= 1, 'values of at least 1']),
  hyperbolic('atanh', 'Inverse hyperbolic tangent.', Math.atanh, [(v) => v > -1 && v < 1, 'values strictly between -1 and 1']),
  defineTool({
    id: 'math.toRadians',
    doc: 'Degrees to radians.',
    params: () => z.object({ value: num.describe('an angle in degrees') }),
    run: (_ctx, p) => finite('math.toRadians', (p.value * Math.PI) / 180),
  }),
  defineTool({
    id: 'math.toDegrees',
    doc: 'Radians to degrees.',
    params: () => z.object({ value: num.describe('an angle in radians') }),
    run: (_ctx, p) => finite('math.toDegrees', (p.value * 180) / Math.PI),
  }),
];
