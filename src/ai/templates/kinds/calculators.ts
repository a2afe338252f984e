import type { Component, ToolBinding } from '../../../blueprint/types.js';
import { defineKind, fmt } from '../kind.js';
import { numberAfter, numberBefore, percentages } from '../params.js';
import { hasPhrase, type Sentence } from '../sentence.js';
import { isFresh, ref, tool } from '../tools.js';
import { button, caption, card, field, grid, heading, input, list, numberInput, row, text } from '../ui.js';

const DISPLAY = 'display';

/** Keys of the classic keypad: [label, button id, what it appends]. */
const KEYPAD: [string, string, string | null][] = [
  ['C', 'btn-clear', null], ['⌫', 'btn-backspace', null], ['(', 'btn-open', '('], ['÷', 'btn-divide', '/'],
  ['7', 'btn-7', '7'], ['8', 'btn-8', '8'], ['9', 'btn-9', '9'], ['×', 'btn-multiply', '*'],
  ['4', 'btn-4', '4'], ['5', 'btn-5', '5'], ['6', 'btn-6', '6'], ['−', 'btn-subtract', '-'],
  ['1', 'btn-1', '1'], ['2', 'btn-2', '2'], ['3', 'btn-3', '3'], ['+', 'btn-add', '+'],
  ['0', 'btn-0', '0'], ['.', 'btn-dot', '.'], [')', 'btn-close', ')'], ['=', 'btn-equals', null],
];

const SPECIAL: Record<string, ToolBinding> = {
  'btn-clear': tool.resetDisplay(DISPLAY),
  'btn-backspace': tool.backspace(DISPLAY),
  'btn-equals': tool.evaluate(DISPLAY),
};

/** Function keys start fresh on a lone "0" (ui.append only does that for digits). */
const typeFunction = (text: string) => tool.expr(DISPLAY, `${isFresh(DISPLAY)} ? "${text}" : concat(string({{${DISPLAY}}}), "${text}")`);

/** [label, id, appended]: functions of the scientific keypad (mathjs names). */
const SCIENTIFIC: [string, string, string][] = [
  ['sin', 'btn-sin', 'sin('], ['cos', 'btn-cos', 'cos('], ['tan', 'btn-tan', 'tan('], ['deg', 'btn-deg', ' deg'],
  ['√', 'btn-sqrt', 'sqrt('], ['x²', 'btn-square', '^2'], ['xʸ', 'btn-power', '^'], ['n!', 'btn-factorial', '!'],
  ['log', 'btn-log10', 'log10('], ['ln', 'btn-ln', 'log('], ['π', 'btn-pi', 'pi'], ['e', 'btn-e', 'e'],
];

function keypad(): Component[] {
  return KEYPAD.map(([label, id, value]) =>
    button(id, label, SPECIAL[id] ?? tool.append(DISPLAY, value === label ? undefined : value!), { variant: id === 'btn-equals' ? 'primary' : /clear|backspace/.test(id) ? 'secondary' : 'default' }),
  );
}

/** Keyboard: digits and operators type, Enter computes, Backspace and Escape edit. */
function keypadKeys(extra: Record<string, string> = {}): Record<string, ToolBinding[]> {
  const keys: Record<string, ToolBinding[]> = {};
  for (const k of [...'0123456789', '.', '+', '-', '*', '/', '(', ')', '^']) keys[k] = [tool.append(DISPLAY, k)];
  for (const [k, text] of Object.entries(extra)) keys[k] = [typeFunction(text)];
  keys['Enter'] = [tool.evaluate(DISPLAY)];
  keys['='] = [tool.evaluate(DISPLAY)];
  keys['Backspace'] = [tool.backspace(DISPLAY)];
  keys['Escape'] = [tool.resetDisplay(DISPLAY)];
  return keys;
}

const display = () => input(DISPLAY, { value: '0', readonly: true, size: 'large' });

export const calculator = defineKind({
  id: 'calculator',
  name: 'Calculator',
  icon: '🧮',
  category: 'utilities',
  keywords: { calculator: 2, calc: 2, arithmetic: 2, 'add subtract': 2, 'add and subtract': 2, math: 1, calculate: 1 },
  params: () => ({}),
  build: () => ({
    description: 'A calculator with a keypad and keyboard input.',
    components: [display(), grid('keypad', 4, keypad())],
    keys: keypadKeys(),
  }),
});

export const scientificCalculator = defineKind({
  id: 'scientific-calculator',
  name: 'Scientific Calculator',
  icon: '🔬',
  category: 'utilities',
  keywords: { scientific: 3, trigonometry: 3, trig: 3, sine: 2, cosine: 2, sin: 2, cos: 2, logarithm: 2, 'square root': 2, calculator: 1, engineering: 2 },
  params: () => ({}),
  build: () => ({
    description: 'A scientific calculator: trigonometry (radians, or append deg), roots, powers, logarithms, factorials and constants.',
    components: [
      display(),
      grid('functions', 4, SCIENTIFIC.map(([label, id, value]) => button(id, label, /^[a-z√]/.test(value) || value === 'pi' || value === 'e' ? typeFunction(value) : tool.append(DISPLAY, value), { variant: 'secondary' }))),
      grid('keypad', 4, keypad()),
    ],
    keys: keypadKeys({ s: 'sin(', c: 'cos(', t: 'tan(', r: 'sqrt(', p: 'pi', l: 'log(' }),
  }),
});

export const tipCalculator = defineKind({
  id: 'tip-calculator',
  name: 'Tip Calculator',
  icon: '💵',
  category: 'utilities',
  keywords: { tip: 3, tipping: 3, gratuity: 3, 'split the bill': 3, 'split bill': 3, restaurant: 1, bill: 1, calculator: 1, percent: 1 },
  params: (s: Sentence) => {
    const pcts = percentages(s);
    return { percents: pcts.length ? pcts : [10, 15, 20], split: /\b(split|people|persons?|guests?|share|friends)\b/.test(s.text), asked: pcts.length > 0 };
  },
  describe: (p) => (p.asked ? `percentages ${p.percents.join(', ')}` : undefined),
  build: (p) => {
    const total = (pct: string) => `{{bill}} * (1 + ${pct} / 100)`;
    const apply = (pct: string): ToolBinding[] => [
      tool.set('tip-percent', pct === ref('custom-percent') ? ref('custom-percent') : Number(pct)),
      tool.compute('tip', `round({{bill}} * ${pct} / 100, 2)`),
      tool.compute('total', `round(${total(pct)}, 2)`),
      ...(p.split ? [tool.compute('per-person', `round(${total(pct)} / {{people}}, 2)`)] : []),
    ];
    return {
      description: `Work out the tip and total of a bill${p.split ? ' and each person\'s share' : ''}, at ${p.percents.join(', ')} percent or your own.`,
      components: [
        field('bill', 'Bill amount', numberInput('bill', 'e.g. 48.50')),
        ...(p.split ? [field('people', 'People', numberInput('people', 'how many', 1))] : []),
        text('tip-prompt', 'Tip:'),
        row('tip-buttons', p.percents.map((n) => button(`tip-${String(n).replace('.', '-')}`, `${fmt(n)}%`, apply(fmt(n)), { variant: 'primary' }))),
        row('custom', [numberInput('custom-percent', 'custom %'), button('apply-custom', 'Apply', apply(ref('custom-percent')))]),
        card('result', 'Result', [
          row('tip-row', [text('tip-label', 'Tip'), text('tip', '0.00', { weight: 'bold' }), caption('tip-percent', '')]),
          row('total-row', [text('total-label', 'Total'), text('total', '0.00', { weight: 'bold' })]),
          ...(p.split ? [row('per-person-row', [text('per-person-label', 'Each pays'), text('per-person', '0.00', { weight: 'bold' })])] : []),
        ]),
      ],
    };
  },
});

const BMI_CATEGORY = (v: string) => `${v} < 18.5 ? "Underweight" : (${v} < 25 ? "Normal weight" : (${v} < 30 ? "Overweight" : "Obese"))`;

export const bmiCalculator = defineKind({
  id: 'bmi-calculator',
  name: 'BMI Calculator',
  icon: '⚖️',
  category: 'utilities',
  keywords: { bmi: 4, 'body mass': 4, 'body mass index': 2, 'healthy weight': 2, obesity: 2, weight: 1, height: 1 },
  params: (s: Sentence) => ({ imperial: /\b(imperial|pounds?|lbs?|inch|inches|feet|ft|us units)\b/.test(s.text) }),
  describe: (p) => (p.imperial ? 'imperial units' : 'metric units'),
  build: (p) => {
    const bmi = p.imperial ? 'round(703 * {{weight}} / {{height}}^2, 1)' : 'round({{weight}} / ({{height}} / 100)^2, 1)';
    return {
      description: `Body mass index from weight and height in ${p.imperial ? 'pounds and inches' : 'kilograms and centimetres'}, with its category.`,
      components: [
        field('weight', p.imperial ? 'Weight (lb)' : 'Weight (kg)', numberInput('weight', p.imperial ? 'e.g. 160' : 'e.g. 70')),
        field('height', p.imperial ? 'Height (in)' : 'Height (cm)', numberInput('height', p.imperial ? 'e.g. 68' : 'e.g. 175')),
        button('calculate', 'Calculate BMI', [tool.compute('bmi', bmi), tool.expr('category', BMI_CATEGORY(bmi))], { variant: 'primary' }),
        card('result', 'Your BMI', [heading('bmi', '—', 'h1'), text('category', 'Enter your weight and height')]),
        caption('scale', 'Under 18.5 underweight · 18.5–24.9 normal · 25–29.9 overweight · 30+ obese'),
      ],
      keys: { Enter: [tool.compute('bmi', bmi), tool.expr('category', BMI_CATEGORY(bmi))] },
    };
  },
});

export const loanCalculator = defineKind({
  id: 'loan-calculator',
  name: 'Loan Calculator',
  icon: '🏦',
  category: 'utilities',
  keywords: { loan: 3, mortgage: 3, 'monthly payment': 3, interest: 2, amortization: 3, repayment: 2, principal: 2 },
  params: (s: Sentence) => ({
    years: numberBefore(s, ['years?', 'yrs?', 'year']) ?? 30,
    rate: percentages(s)[0] ?? 5,
    amount: numberAfter(s, ['of', 'for', 'borrow', 'amount']) ?? 200000,
  }),
  describe: (p) => `${p.years} years at ${p.rate}%`,
  build: (p) => {
    const r = '({{rate}} / 1200)';
    const n = '({{years}} * 12)';
    const payment = `round({{amount}} * ${r} / (1 - (1 + ${r})^(-${n})), 2)`;
    return {
      description: 'Monthly payment, total paid and total interest of a fixed-rate loan.',
      components: [
        field('amount', 'Amount borrowed', numberInput('amount', 'principal', p.amount)),
        field('rate', 'Yearly interest (%)', numberInput('rate', 'e.g. 5', p.rate)),
        field('years', 'Years', numberInput('years', 'e.g. 30', p.years)),
        button('calculate', 'Calculate', [tool.compute('payment', payment), tool.compute('total-paid', `round(${payment} * ${n}, 2)`), tool.compute('interest', `round(${payment} * ${n} - {{amount}}, 2)`)], { variant: 'primary' }),
        card('result', 'Result', [
          row('payment-row', [text('payment-label', 'Monthly payment'), text('payment', '—', { weight: 'bold' })]),
          row('total-row', [text('total-label', 'Total paid'), text('total-paid', '—')]),
          row('interest-row', [text('interest-label', 'Total interest'), text('interest', '—')]),
        ]),
      ],
    };
  },
});

export const percentageCalculator = defineKind({
  id: 'percentage-calculator',
  name: 'Percentage Calculator',
  icon: '％',
  category: 'utilities',
  keywords: { percentage: 3, 'percent of': 3, 'percent change': 3, discount: 2, markup: 2, 'sale price': 2 },
  params: () => ({}),
  build: () => ({
    description: 'Three everyday percentage questions: X% of Y, X is what % of Y, and the change from X to Y.',
    components: [
      card('of-card', 'What is X% of Y?', [row('of-row', [numberInput('of-x', '%'), text('of-of', '% of'), numberInput('of-y', 'value'), button('of-go', '=', tool.compute('of-result', 'round({{of-x}} / 100 * {{of-y}}, 4)')), text('of-result', '')])]),
      card('ratio-card', 'X is what % of Y?', [row('ratio-row', [numberInput('ratio-x', 'part'), text('ratio-of', 'of'), numberInput('ratio-y', 'whole'), button('ratio-go', '=', tool.compute('ratio-result', 'round({{ratio-x}} / {{ratio-y}} * 100, 4)')), text('ratio-result', '')])]),
      card('change-card', 'Change from X to Y (%)', [row('change-row', [numberInput('change-x', 'from'), text('change-to', 'to'), numberInput('change-y', 'to'), button('change-go', '=', tool.compute('change-result', 'round(({{change-y}} - {{change-x}}) / {{change-x}} * 100, 4)')), text('change-result', '')])]),
    ],
  }),
});

export const averageCalculator = defineKind({
  id: 'grade-calculator',
  name: 'Grade Average',
  icon: '🎓',
  category: 'productivity',
  keywords: { grade: 3, gpa: 4, average: 2, mean: 1, score: 1, 'weighted average': 3 },
  params: (s: Sentence) => ({ weighted: hasPhrase(s, 'weight') || hasPhrase(s, 'weighted') || hasPhrase(s, 'credit') }),
  build: (p) => ({
    description: p.weighted ? 'Add grades with their weights; see the weighted average.' : 'Add grades; see their count and average.',
    components: [
      row('add-row', [
        numberInput('grade', 'grade'),
        ...(p.weighted ? [numberInput('weight', 'weight', 1)] : []),
        button('add', 'Add', [
          tool.listAdd('grades', p.weighted ? '{{grade}} × {{weight}}' : '{{grade}}'),
          tool.compute('sum', p.weighted ? '{{sum}} + {{grade}} * {{weight}}' : '{{sum}} + {{grade}}'),
          tool.compute('count', p.weighted ? '{{count}} + {{weight}}' : '{{count}} + 1'),
          tool.compute('average', 'round({{sum}} / {{count}}, 2)'),
          tool.clear('grade'),
        ], { variant: 'primary' }),
      ]),
      card('result', 'Average', [heading('average', '—', 'h1')]),
      list('grades', { variant: 'striped' }),
      button('reset', 'Reset', [tool.listClear('grades'), tool.set('sum', 0), tool.set('count', 0), tool.set('average', '—')], { variant: 'secondary' }),
    ],
    lifecycle: { on_mount: [tool.set('sum', 0), tool.set('count', 0)] },
  }),
});

export const CALCULATOR_KINDS = [calculator, scientificCalculator, tipCalculator, bmiCalculator, loanCalculator, percentageCalculator, averageCalculator];
