import { z } from 'zod';
import { defineTool, type ToolDef } from '../types.js';
import { fail } from './errors.js';

/** Mathematical and physical constants (CODATA 2018 exact or recommended values, SI units). */
export const CONSTANTS: Record<string, { value: number; doc: string }> = {
  pi: { value: Math.PI, doc: 'π, the ratio of a circle\'s circumference to its diameter.' },
  e: { value: Math.E, doc: 'e, the base of natural logarithms.' },
  phi: { value: (1 + Math.sqrt(5)) / 2, doc: 'φ, the golden ratio.' },
  tau: { value: 2 * Math.PI, doc: 'τ = 2π, a full turn in radians.' },
  sqrt2: { value: Math.SQRT2, doc: '√2.' },
  ln2: { value: Math.LN2, doc: 'The natural logarithm of 2.' },
  ln10: { value: Math.LN10, doc: 'The natural logarithm of 10.' },
  c: { value: 299_792_458, doc: 'The speed of light in vacuum, m/s.' },
  g: { value: 9.806_65, doc: 'Standard gravity at the Earth\'s surface, m/s².' },
  gravitationalConstant: { value: 6.674_30e-11, doc: 'Newton\'s gravitational constant G, m³/(kg·s²).' },
  planck: { value: 6.626_070_15e-34, doc: 'The Planck constant h, J·s.' },
  avogadro: { value: 6.022_140_76e23, doc: 'The Avogadro constant, 1/mol.' },
  boltzmann: { value: 1.380_649e-23, doc: 'The Boltzmann constant, J/K.' },
  elementaryCharge: { value: 1.602_176_634e-19, doc: 'The elementary charge e, C.' },
  gasConstant: { value: 8.314_462_618, doc: 'The molar gas constant R, J/(mol·K).' },
};

export const CONSTANT_TOOLS: ToolDef[] = [
  ...Object.entries(CONSTANTS).map(([name, c]) =>
    defineTool({ id: `math.${name}`, doc: c.doc, params: () => z.object({}), run: () => c.value }),
  ),
  defineTool({
    id: 'math.constant',
    doc: 'A constant by name (pi, e, phi, tau, c, g, planck...); without a name, all of them.',
    params: () => z.object({ name: z.string().max(64).optional().describe('the constant\'s name') }),
    run(_ctx, p) {
      if (p.name === undefined) return Object.fromEntries(Object.entries(CONSTANTS).map(([k, c]) => [k, c.value]));
      const wanted = p.name.toLowerCase();
      const c = Object.hasOwn(CONSTANTS, p.name) ? CONSTANTS[p.name] : Object.entries(CONSTANTS).find(([k]) => k.toLowerCase() === wanted)?.[1];
      if (!c) fail('math.constant', `no constant named "${p.name}"; known: ${Object.keys(CONSTANTS).join(', ')}`);
      return c.value;
    },
  }),
];
