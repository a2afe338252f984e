import { z } from 'zod';
import { defineTool, type ToolDef } from '../types.js';
import { fail, finite, tidy } from './errors.js';
import { math } from './engine.js';
import { num, numberList, values } from './schemas.js';

const sample = z.boolean().default(true).describe('true: sample (n−1), false: population (n)');
const twoOrMore = (what: string) => numberList.pipe(z.array(z.number()).min(2, `${what} needs at least two numbers`));
const fraction01 = num.pipe(z.number().min(0, 'p is from 0 to 1').max(1, 'p is from 0 to 1'));

const sum = (xs: number[]) => {
  // Neumaier summation: a long list of small and large values still adds up right.
  let s = 0;
  let c = 0;
  for (const v of xs) {
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
};
const mean = (xs: number[]) => sum(xs) / xs.length;
const variance = (xs: number[], isSample: boolean) => {
  const m = mean(xs);
  return sum(xs.map((v) => (v - m) ** 2)) / (xs.length - (isSample ? 1 : 0));
};
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const quantile = (xs: number[], p: number) => math.quantileSeq(xs, p) as number;
const median = (xs: number[]) => quantile(xs, 0.5);

/** A statistic of one list of numbers. */
function ofList(name: string, doc: string, fn: (xs: number[]) => number, min = 1): ToolDef {
  const id = `math.${name}`;
  return defineTool({
    id,
    doc,
    params: () => z.object({ values }),
    run(_ctx, p) {
      if (p.values.length < min) fail(id, `${name} needs at least ${min} numbers`);
      return finite(id, fn(p.values));
    },
  });
}

function pair(id: string, xs: number[], ys: number[]) {
  if (xs.length !== ys.length) fail(id, `x and y need the same length (${xs.length} and ${ys.length})`);
}

function covariance(xs: number[], ys: number[], isSample: boolean) {
  const mx = mean(xs);
  const my = mean(ys);
  return sum(xs.map((x, i) => (x - mx) * (ys[i]! - my))) / (xs.length - (isSample ? 1 : 0));
}

export const STATISTICS_TOOLS: ToolDef[] = [
  ofList('sum', 'The sum of the numbers.', sum),
  ofList('product', 'The product of the numbers.', (xs) => xs.reduce((a, b) => a * b, 1)),
  ofList('count', 'How many numbers there are.', (xs) => xs.length),
  ofList('mean', 'The arithmetic mean (average).', mean),
  ofList('median', 'The middle value (the mean of the two middle ones for an even count).', median),
  ofList('min', 'The smallest number.', (xs) => xs.reduce((a, b) => Math.min(a, b))),
  ofList('max', 'The largest number.', (xs) => xs.reduce((a, b) => Math.max(a, b))),
  ofList('range', 'The largest minus the smallest number.', (xs) => xs.reduce((a, b) => Math.max(a, b)) - xs.reduce((a, b) => Math.min(a, b))),
  ofList('iqr', 'The interquartile range: 75th minus 25th percentile.', (xs) => quantile(xs, 0.75) - quantile(xs, 0.25)),
  ofList('mad', 'The median absolute deviation from the median.', (xs) => {
    const m = median(xs);
    return median(xs.map((v) => Math.abs(v - m)));
  }),
  defineTool({
    id: 'math.mode',
    doc: 'The most frequent value; a list when several tie.',
    params: () => z.object({ values }),
    run(_ctx, p) {
      const modes = (math.mode(p.values) as number[]).sort((a, b) => a - b);
      return modes.length === 1 ? modes[0] : modes;
    },
  }),
  defineTool({
    id: 'math.variance',
    doc: 'The variance (sample by default; sample=false for the population).',
    params: () => z.object({ values, sample }),
    run(_ctx, p) {
      if (p.sample && p.values.length < 2) fail('math.variance', 'a sample variance needs at least two numbers');
      return finite('math.variance', variance(p.values, p.sample));
    },
  }),
  defineTool({
    id: 'math.std',
    doc: 'The standard deviation (sample by default; sample=false for the population).',
    params: () => z.object({ values, sample }),
    run(_ctx, p) {
      if (p.sample && p.values.length < 2) fail('math.std', 'a sample standard deviation needs at least two numbers');
      return finite('math.std', Math.sqrt(variance(p.values, p.sample)));
    },
  }),
  defineTool({
    id: 'math.quantile',
    doc: 'The p-quantile, p from 0 to 1 (linear interpolation between values).',
    params: () => z.object({ values, p: fraction01.describe('which quantile, 0–1 (0.5 is the median)') }),
    run: (_ctx, p) => finite('math.quantile', quantile(p.values, p.p)),
  }),
  defineTool({
    id: 'math.percentile',
    doc: 'The p-th percentile, p from 0 to 100.',
    params: () => z.object({ values, p: num.pipe(z.number().min(0, 'p is from 0 to 100').max(100, 'p is from 0 to 100')).describe('which percentile, 0–100') }),
    run: (_ctx, p) => finite('math.percentile', quantile(p.values, p.p / 100)),
  }),
  defineTool({
    id: 'math.geometricMean',
    doc: 'The geometric mean of positive numbers.',
    params: () => z.object({ values }),
    run(_ctx, p) {
      if (p.values.some((v) => v <= 0)) fail('math.geometricMean', 'the geometric mean needs numbers above 0');
      return finite('math.geometricMean', Math.exp(mean(p.values.map(Math.log))));
    },
  }),
  defineTool({
    id: 'math.harmonicMean',
    doc: 'The harmonic mean of positive numbers.',
    params: () => z.object({ values }),
    run(_ctx, p) {
      if (p.values.some((v) => v <= 0)) fail('math.harmonicMean', 'the harmonic mean needs numbers above 0');
      return finite('math.harmonicMean', p.values.length / sum(p.values.map((v) => 1 / v)));
    },
  }),
  defineTool({
    id: 'math.correlation',
    doc: 'The Pearson correlation coefficient of two equally long lists (−1 to 1).',
    params: () => z.object({ x: twoOrMore('correlation'), y: twoOrMore('correlation') }),
    run(_ctx, p) {
      pair('math.correlation', p.x, p.y);
      const sx = Math.sqrt(variance(p.x, true));
      const sy = Math.sqrt(variance(p.y, true));
      if (sx === 0 || sy === 0) fail('math.correlation', 'correlation is undefined when a list has all values equal');
      return finite('math.correlation', Math.max(-1, Math.min(1, covariance(p.x, p.y, true) / (sx * sy))));
    },
  }),
  defineTool({
    id: 'math.covariance',
    doc: 'The covariance of two equally long lists (sample by default).',
    params: () => z.object({ x: twoOrMore('covariance'), y: twoOrMore('covariance'), sample }),
    run(_ctx, p) {
      pair('math.covariance', p.x, p.y);
      return finite('math.covariance', covariance(p.x, p.y, p.sample));
    },
  }),
  defineTool({
    id: 'math.linearRegression',
    doc: 'The least-squares line y = slope·x + intercept through the points, with r².',
    params: () => z.object({ x: twoOrMore('a regression'), y: twoOrMore('a regression') }),
    run(_ctx, p) {
      pair('math.linearRegression', p.x, p.y);
      const vx = variance(p.x, false);
      if (vx === 0) fail('math.linearRegression', 'all x values are equal: the line would be vertical');
      const slope = covariance(p.x, p.y, false) / vx;
      const intercept = mean(p.y) - slope * mean(p.x);
      const vy = variance(p.y, false);
      const r2 = vy === 0 ? 1 : (slope * slope * vx) / vy;
      return { slope: finite('math.linearRegression', slope), intercept: finite('math.linearRegression', intercept), r2: tidy(Math.min(1, r2)) };
    },
  }),
  defineTool({
    id: 'math.zscores',
    doc: 'Each value as standard deviations from the mean (population).',
    params: () => z.object({ values: twoOrMore('z-scores') }),
    run(_ctx, p) {
      const m = mean(p.values);
      const s = Math.sqrt(variance(p.values, false));
      if (s === 0) fail('math.zscores', 'z-scores are undefined when all values are equal');
      return p.values.map((v) => tidy((v - m) / s));
    },
  }),
  defineTool({
    id: 'math.cumsum',
    doc: 'The running totals of the numbers.',
    params: () => z.object({ values }),
    run(_ctx, p) {
      let total = 0;
      return p.values.map((v) => tidy((total += v)));
    },
  }),
  defineTool({
    id: 'math.sort',
    doc: 'The numbers sorted, ascending by default.',
    params: () => z.object({ values, order: z.enum(['asc', 'desc']).default('asc').describe('asc or desc') }),
    run(_ctx, p) {
      const s = sorted(p.values);
      return p.order === 'desc' ? s.reverse() : s;
    },
  }),
];
