import type { ToolBinding } from '../../../blueprint/types.js';
import { defineKind, fmt } from '../kind.js';
import type { Sentence } from '../sentence.js';
import { tool } from '../tools.js';
import { button, caption, card, field, input, numberInput, row, select, text } from '../ui.js';

/** A unit: how to reach the family's base unit (a factor, or formulas for temperature). */
interface Unit {
  id: string;
  label: string;
  words: RegExp;
  factor?: number;
  /** mathjs, with X the value: to the base unit and back. */
  toBase?: string;
  fromBase?: string;
}
interface Family {
  id: string;
  words: RegExp;
  units: Unit[];
}

const u = (id: string, label: string, words: RegExp, factor: number): Unit => ({ id, label, words, factor });

const FAMILIES: Family[] = [
  { id: 'length', words: /\b(length|distance|height)\b/, units: [
    u('mm', 'millimetres', /\b(mm|millimet(?:er|re)s?)\b/, 0.001), u('cm', 'centimetres', /\b(cm|centimet(?:er|re)s?)\b/, 0.01),
    u('m', 'metres', /\b(met(?:er|re)s?)\b/, 1), u('km', 'kilometres', /\b(km|kilomet(?:er|re)s?|kms)\b/, 1000),
    u('in', 'inches', /\b(inch|inches)\b/, 0.0254), u('ft', 'feet', /\b(ft|feet|foot)\b/, 0.3048),
    u('yd', 'yards', /\b(yards?|yd)\b/, 0.9144), u('mi', 'miles', /\b(miles?|mi)\b/, 1609.344),
  ] },
  { id: 'mass', words: /\b(weight|mass)\b/, units: [
    u('g', 'grams', /\b(g|grams?|grammes?)\b/, 0.001), u('kg', 'kilograms', /\b(kg|kilos?|kilograms?)\b/, 1),
    u('oz', 'ounces', /\b(oz|ounces?)\b/, 0.028349523125), u('lb', 'pounds', /\b(lbs?|pounds?)\b/, 0.45359237),
    u('st', 'stone', /\b(stones?)\b/, 6.35029318), u('t', 'tonnes', /\b(tonnes?|tons?)\b/, 1000),
  ] },
  { id: 'temperature', words: /\b(temperatures?|degrees?)\b/, units: [
    { id: 'c', label: '°C', words: /\b(c|celsius|centigrade)\b/, toBase: 'X + 273.15', fromBase: 'X - 273.15' },
    { id: 'f', label: '°F', words: /\b(f|fahrenheit)\b/, toBase: '(X - 32) * 5 / 9 + 273.15', fromBase: '(X - 273.15) * 9 / 5 + 32' },
    { id: 'k', label: 'K', words: /\b(kelvin)\b/, toBase: 'X', fromBase: 'X' },
  ] },
  { id: 'volume', words: /\b(volume|cooking|recipe|liquid)\b/, units: [
    u('ml', 'millilitres', /\b(ml|millilit(?:er|re)s?)\b/, 0.001), u('l', 'litres', /\b(l|lit(?:er|re)s?)\b/, 1),
    u('tsp', 'teaspoons', /\b(tsp|teaspoons?)\b/, 0.00492892159375), u('tbsp', 'tablespoons', /\b(tbsp|tablespoons?)\b/, 0.01478676478125),
    u('cup', 'cups', /\b(cups?)\b/, 0.2365882365), u('floz', 'fluid ounces', /\b(fl ?oz|fluid ounces?)\b/, 0.0295735295625),
    u('pt', 'pints', /\b(pints?)\b/, 0.473176473), u('gal', 'gallons', /\b(gallons?|gal)\b/, 3.785411784),
  ] },
  { id: 'speed', words: /\b(speed|velocity|pace)\b/, units: [
    u('mps', 'm/s', /\b(m\/s|metres per second|meters per second)\b/, 1), u('kmh', 'km/h', /\b(km\/h|kph|kmh|kilomet(?:er|re)s per hour)\b/, 1 / 3.6),
    u('mph', 'mph', /\b(mph|miles per hour)\b/, 0.44704), u('kn', 'knots', /\b(knots?)\b/, 0.514444),
  ] },
  { id: 'data', words: /\b(data|file size|storage size|bytes?|digital)\b/, units: [
    u('b', 'bytes', /\b(bytes?)\b/, 1), u('kb', 'KB', /\b(kb|kilobytes?)\b/, 1e3), u('mb', 'MB', /\b(mb|megabytes?)\b/, 1e6),
    u('gb', 'GB', /\b(gb|gigabytes?)\b/, 1e9), u('tb', 'TB', /\b(tb|terabytes?)\b/, 1e12), u('gib', 'GiB', /\b(gib|gibibytes?)\b/, 2 ** 30),
  ] },
  { id: 'time', words: /\b(durations?|time units)\b/, units: [
    u('sec', 'seconds', /\b(seconds?|secs?)\b/, 1), u('min', 'minutes', /\b(minutes?|mins?)\b/, 60), u('hr', 'hours', /\b(hours?|hrs?)\b/, 3600),
    u('day', 'days', /\b(days?)\b/, 86400), u('week', 'weeks', /\b(weeks?)\b/, 604800),
  ] },
  { id: 'area', words: /\b(area|surface)\b/, units: [
    u('m2', 'm²', /\b(square met(?:er|re)s?|m2|sq m)\b/, 1), u('km2', 'km²', /\b(square kilomet(?:er|re)s?|km2)\b/, 1e6),
    u('ft2', 'ft²', /\b(square f(?:ee|oo)t|sq ft|ft2)\b/, 0.09290304), u('acre', 'acres', /\b(acres?)\b/, 4046.8564224), u('ha', 'hectares', /\b(hectares?|ha)\b/, 10000),
  ] },
];

/** Single letters (c, f, l, g, m...) count as units only next to "to", "and", "from" or a number. */
const unitMentioned = (s: Sentence, unit: Unit) => {
  const m = unit.words.exec(s.text);
  if (!m) return false;
  if (m[0].length > 1) return true;
  const around = s.text.slice(Math.max(0, m.index - 6), m.index + 7);
  return /(\d\s*|\bto |\band |\bfrom |\bor |°)\w\b|\b\w (to|and|or|into)\b/.test(around);
};

function chooseUnits(s: Sentence): { family: Family; units: Unit[]; mentioned: boolean } {
  let best: { family: Family; units: Unit[]; score: number } | undefined;
  for (const family of FAMILIES) {
    const units = family.units.filter((x) => unitMentioned(s, x));
    const score = units.length * 2 + (family.words.test(s.text) ? 3 : 0);
    if (score > (best?.score ?? 0)) best = { family, units, score };
  }
  if (!best) return { family: FAMILIES[0]!, units: FAMILIES[0]!.units, mentioned: false };
  return { family: best.family, units: best.units.length >= 2 ? best.units : best.family.units, mentioned: best.units.length >= 2 };
}

/** Nested choice over a select's index: `{{from}} == 0 ? a : ({{from}} == 1 ? b : c)`. */
function byIndex(key: string, exprs: string[]): string {
  let out = exprs.at(-1)!;
  for (let i = exprs.length - 2; i >= 0; i--) out = `({{${key}}} == ${i} ? ${exprs[i]} : ${out})`;
  return out;
}

const toBase = (unit: Unit, x: string) => (unit.factor !== undefined ? `${x} * ${unit.factor}` : unit.toBase!.replace(/X/g, x));
const fromBase = (unit: Unit, x: string) => (unit.factor !== undefined ? `${x} / ${unit.factor}` : unit.fromBase!.replace(/X/g, `(${x})`));

export const unitConverter = defineKind({
  id: 'unit-converter',
  name: 'Unit Converter',
  icon: '📏',
  category: 'utilities',
  keywords: { 'unit converter': 4, converter: 2, convert: 2, conversion: 2, unit: 2, celsius: 2, fahrenheit: 2, kilometer: 1, mile: 1, kilogram: 1, pound: 1, metric: 1, imperial: 1 },
  params: (s: Sentence) => chooseUnits(s),
  describe: (p) => `${p.family.id} units ${p.units.map((x) => x.id).join(', ')}${p.mentioned ? '' : ' (all of the family)'}`,
  build: (p) => {
    const base = `(${byIndex('from', p.units.map((x) => `(${toBase(x, '{{amount}}')})`))})`;
    const convert: ToolBinding[] = p.units.map((x) => tool.compute(`to-${x.id}`, `round(${fromBase(x, base)}, 6)`));
    return {
      description: `Convert ${p.family.id} between ${p.units.map((x) => x.label).join(', ')}.`,
      components: [
        row('input-row', [
          input('amount', { type: 'number', placeholder: 'amount', value: '1' }, convert),
          select('from', p.units.map((x, i) => ({ label: x.label, value: String(i) })), '0', convert),
          button('convert', 'Convert', convert, { variant: 'primary' }),
        ]),
        card('results', 'Results', p.units.map((x) => row(`row-${x.id}`, [text(`to-${x.id}`, '—', { weight: 'bold' }), text(`label-${x.id}`, x.label)]))),
      ],
      keys: { Enter: convert },
    };
  },
});

interface Currency {
  code: string;
  words: RegExp;
  /** An example rate per US dollar, to start from; the user edits it. */
  perUsd: number;
}
const CURRENCIES: Currency[] = [
  { code: 'USD', words: /\b(usd|dollars?|us\$)\b|\$/, perUsd: 1 },
  { code: 'EUR', words: /\b(eur|euros?)\b|€/, perUsd: 0.92 },
  { code: 'GBP', words: /\b(gbp|pounds? sterling|british pounds?|sterling)\b|£/, perUsd: 0.79 },
  { code: 'JPY', words: /\b(jpy|yen)\b|¥/, perUsd: 150 },
  { code: 'CNY', words: /\b(cny|yuan|renminbi|rmb)\b/, perUsd: 7.2 },
  { code: 'INR', words: /\b(inr|rupees?)\b|₹/, perUsd: 83 },
  { code: 'CAD', words: /\b(cad|canadian dollars?)\b/, perUsd: 1.36 },
  { code: 'AUD', words: /\b(aud|australian dollars?)\b/, perUsd: 1.52 },
  { code: 'CHF', words: /\b(chf|swiss francs?|francs?)\b/, perUsd: 0.88 },
  { code: 'MXN', words: /\b(mxn|pesos?)\b/, perUsd: 17 },
  { code: 'BRL', words: /\b(brl|reais|real)\b/, perUsd: 5 },
  { code: 'KRW', words: /\b(krw|won)\b/, perUsd: 1350 },
  { code: 'SEK', words: /\b(sek|kronor|krona)\b/, perUsd: 10.5 },
  { code: 'BTC', words: /\b(btc|bitcoins?)\b/, perUsd: 0.000016 },
];

export const currencyConverter = defineKind({
  id: 'currency-converter',
  name: 'Currency Converter',
  icon: '💱',
  category: 'utilities',
  keywords: { currency: 4, currencies: 4, 'exchange rate': 4, exchange: 2, forex: 4, money: 1, dollar: 1, euro: 2, yen: 2, converter: 1, rate: 1 },
  params: (s: Sentence) => {
    const found = CURRENCIES.map((c) => ({ c, at: s.text.search(c.words) })).filter((x) => x.at >= 0).sort((a, b) => a.at - b.at).map((x) => x.c);
    const list = found.length >= 2 ? found : [...new Set([...found, ...CURRENCIES.slice(0, 4)])];
    return { currencies: list.slice(0, 8), asked: found.length >= 2 };
  },
  describe: (p) => `currencies ${p.currencies.map((c) => c.code).join(', ')}`,
  build: (p) => {
    const [base] = p.currencies;
    const id = (c: Currency) => c.code.toLowerCase();
    const rateOf = (c: Currency) => (c === base ? '1' : `{{rate-${id(c)}}}`);
    const inBase = `({{amount}} / ${byIndex('from', p.currencies.map(rateOf))})`;
    const convert: ToolBinding[] = p.currencies.map((c) => tool.compute(`in-${id(c)}`, `round(${inBase} * ${rateOf(c)}, 2)`));
    const others = p.currencies.slice(1);
    return {
      description: `Convert between ${p.currencies.map((c) => c.code).join(', ')} at rates you set (saved for next time).`,
      components: [
        row('input-row', [numberInput('amount', 'amount', 100), select('from', p.currencies.map((c, i) => ({ label: c.code, value: String(i) })), '0', convert), button('convert', 'Convert', convert, { variant: 'primary' })]),
        card('results', 'Converted', p.currencies.map((c) => row(`row-${id(c)}`, [text(`in-${id(c)}`, '—', { weight: 'bold' }), text(`code-${id(c)}`, c.code)]))),
        card('rates', `Rates: 1 ${base!.code} =`, [
          ...others.map((c) => field(`rate-${id(c)}`, c.code, numberInput(`rate-${id(c)}`, `${c.code} per ${base!.code}`, fmt(c.perUsd / base!.perUsd)))),
          button('save-rates', 'Save rates', [tool.persist(), tool.notify('Rates saved')]),
        ]),
        caption('rates-note', 'Starting rates are examples; enter today\'s rates and save them.'),
      ],
      lifecycle: { on_mount: [tool.restore(), ...convert] },
      keys: { Enter: convert },
    };
  },
});

export const CONVERTER_KINDS = [currencyConverter, unitConverter];
/** For tests and the "units" detail of the reason line. */
export const UNIT_FAMILIES = FAMILIES.map((f) => f.id);
