import type { Component, ToolBinding } from '../../../blueprint/types.js';
import { defineKind } from '../kind.js';
import { listAfter, numberAfter, numberBefore, topicOf } from '../params.js';
import { titleCase, type Sentence } from '../sentence.js';
import { clickedItem, ref, tool } from '../tools.js';
import { badge, button, caption, card, checkbox, field, heading, input, list, progress, row, slider, tabs, text } from '../ui.js';

/** Counter-style apps: a number, buttons to change it, optionally a goal and a saved value. */
function counterApp(o: { label: string; step: number; start: number; goal?: number; unit?: string }) {
  const after: ToolBinding[] = [...(o.goal ? [tool.expr('goal-progress', `min({{count}}, ${o.goal})`), tool.expr('goal-status', `{{count}} >= ${o.goal} ? "Goal reached 🎉" : concat(string(${o.goal} - {{count}}), " to go")`)] : []), tool.persist()];
  const inc = [tool.compute('count', `{{count}} + ${o.step}`), ...after];
  const dec = [tool.compute('count', `{{count}} - ${o.step}`), ...after];
  const reset = [tool.set('count', o.start), ...after];
  return {
    components: [
      text('label', o.label, { variant: 'label' }),
      heading('count', String(o.start), 'h1'),
      ...(o.unit ? [caption('unit', o.unit)] : []),
      row('buttons', [button('decrement', `−${o.step}`, dec), button('increment', `+${o.step}`, inc, { variant: 'primary' }), button('reset', 'Reset', reset, { variant: 'ghost' })]),
      ...(o.goal ? [progress('goal-progress', 0, o.goal), text('goal-status', `${o.goal} to go`)] : []),
    ],
    lifecycle: { on_mount: [tool.set('count', o.start), tool.restore(), ...(o.goal ? after.slice(0, 2) : [])] },
    keys: { '+': inc, '=': inc, Up: inc, '-': dec, Down: dec, r: reset, '0': reset },
  };
}

export const counter = defineKind({
  id: 'counter',
  name: 'Counter',
  icon: '🔢',
  category: 'utilities',
  keywords: { counter: 3, tally: 4, count: 2, clicker: 3, 'score keeper': 3, 'keep score': 3, increment: 2 },
  params: (s: Sentence) => ({
    label: topicOf(s, ['for', 'of', 'counting']) ?? 'Count',
    step: numberAfter(s, ['by', 'step', 'steps of', 'increments of']) ?? 1,
    start: numberAfter(s, ['start at', 'starting at', 'from']) ?? 0,
    goal: numberAfter(s, ['goal of', 'goal', 'target of', 'target', 'up to']),
  }),
  describe: (p) => [p.label !== 'Count' && `label "${p.label}"`, p.step !== 1 && `step ${p.step}`, p.goal && `goal ${p.goal}`].filter(Boolean).join(', ') || undefined,
  build: (p) => ({ description: `Count ${p.label.toLowerCase()} by ${p.step}${p.goal ? ` toward ${p.goal}` : ''}; keeps the count between runs.`, ...counterApp({ ...p, label: titleCase(p.label) }) }),
});

export const waterTracker = defineKind({
  id: 'water-tracker',
  name: 'Water Tracker',
  icon: '💧',
  category: 'productivity',
  keywords: { water: 3, hydration: 4, hydrate: 4, glass: 2, 'water intake': 3, drink: 1 },
  params: (s: Sentence) => ({ goal: numberBefore(s, ['glasses', 'cups', 'bottles']) ?? numberAfter(s, ['goal of', 'goal']) ?? 8, unit: /\bcups?\b/.test(s.text) ? 'cups' : /\bbottles?\b/.test(s.text) ? 'bottles' : 'glasses' }),
  describe: (p) => `goal ${p.goal} ${p.unit}`,
  build: (p) => ({ description: `Count ${p.unit} of water toward ${p.goal} a day.`, ...counterApp({ label: `${titleCase(p.unit)} of water today`, step: 1, start: 0, goal: p.goal, unit: `goal: ${p.goal} ${p.unit}` }) }),
});

export const dice = defineKind({
  id: 'dice',
  name: 'Dice Roller',
  icon: '🎲',
  category: 'creative',
  keywords: { dice: 4, die: 4, roll: 2, d20: 4, d6: 4, 'board game': 2, rpg: 2, 'dungeons and dragons': 3, 'd&d': 3 },
  params: (s: Sentence) => {
    const nd = /\b(\d*)d(\d+)\b/.exec(s.text);
    const sides = nd ? Number(nd[2]) : numberBefore(s, ['sided', '-sided', 'faces', 'sides']) ?? 6;
    const count = nd?.[1] ? Number(nd[1]) : numberBefore(s, ['dice', 'die']) ?? (/\bdice\b/.test(s.text) && !nd ? 2 : 1);
    return { count: Math.min(Math.max(count, 1), 10), sides: Math.min(Math.max(sides, 2), 1000) };
  },
  describe: (p) => `${p.count}d${p.sides}`,
  build: (p) => {
    const dieIds = Array.from({ length: p.count }, (_, i) => `die-${i + 1}`);
    const roll: ToolBinding[] = [
      ...dieIds.map((id) => tool.compute(id, `randomInt(1, ${p.sides + 1})`)),
      tool.compute('total', dieIds.map((id) => `{{${id}}}`).join(' + ')),
      tool.listAdd('history', `${dieIds.map(ref).join(' + ')} = ${ref('total')}`),
    ];
    return {
      description: `Roll ${p.count}d${p.sides} and keep a history of rolls.`,
      components: [
        row('dice', dieIds.map((id) => card(`${id}-card`, '', [heading(id, '–', 'h1')]))),
        row('total-row', [text('total-label', 'Total'), heading('total', '–', 'h2')]),
        row('actions', [button('roll', `Roll ${p.count}d${p.sides}`, roll, { variant: 'primary' }), button('clear', 'Clear history', [tool.listClear('history')], { variant: 'ghost' })]),
        list('history', { variant: 'striped' }),
      ],
      keys: { Space: roll, Enter: roll, r: roll },
    };
  },
});

export const randomPicker = defineKind({
  id: 'random-picker',
  name: 'Random Picker',
  icon: '🎯',
  category: 'creative',
  keywords: { 'coin flip': 4, 'flip a coin': 4, coin: 3, 'random picker': 4, 'pick random': 3, 'pick between': 3, 'choose between': 3, 'decide between': 3, random: 1, pick: 1, 'decision maker': 4, decide: 2, choose: 1, lottery: 3, raffle: 3, 'random name': 3, spinner: 2 },
  params: (s: Sentence) => {
    const choices = listAfter(s, ['between', 'from', 'among', 'choices', 'options'], { maxWords: 3 }).filter((c) => !/^(a|list|names?|options?)$/.test(c));
    return { choices: choices.length >= 2 ? choices : /\bcoin\b/.test(s.text) ? ['Heads', 'Tails'] : [], coin: /\bcoin\b/.test(s.text) };
  },
  describe: (p) => (p.choices.length ? `choices ${p.choices.join(', ')}` : 'your own choices'),
  build: (p) => {
    const literal = `[${p.choices.map((c) => JSON.stringify(titleCase(c))).join(', ')}]`;
    const fixed = p.choices.length > 0;
    const pick: ToolBinding[] = [tool.expr('choice', fixed ? `pickRandom(${literal})` : '{{options}}[randomInt(1, size({{options}})[1] + 1)].text'), tool.listAdd('history', ref('choice'))];
    const add: ToolBinding[] = [tool.listAdd('options', ref('new-option')), tool.clear('new-option')];
    return {
      description: fixed ? `Pick at random between ${p.choices.join(', ')}.` : 'Add your options and let chance pick one.',
      components: [
        ...(fixed ? [caption('options-text', p.choices.map(titleCase).join(' · '))] : [row('add-row', [input('new-option', { placeholder: 'An option' }, { submit: add }), button('add', 'Add', add)]), list('options', {}, [tool.listRemove('options')])]),
        heading('choice', '?', 'h1'),
        button('pick', p.coin ? 'Flip' : 'Pick one', pick, { variant: 'primary' }),
        text('history-title', 'History', { variant: 'label' }),
        list('history', { variant: 'striped' }),
      ],
      keys: { Space: pick, Enter: pick },
    };
  },
});

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!#$%&*+-=?@^_~';

/** mathjs: `length` characters drawn from the text in state `charset` (strings index from 1). */
const randomString = (length: number) => `concat(${Array.from({ length }, () => '{{charset}}[randomInt(1, size({{charset}})[1] + 1)]').join(', ')})`;

/** Expressions are capped at 2000 characters; 40 draws fit. */
const MAX_PASSWORD = 40;

export const passwordGenerator = defineKind({
  id: 'password-generator',
  name: 'Password Generator',
  icon: '🔑',
  category: 'utilities',
  keywords: { password: 4, passphrase: 3, 'random password': 4, 'strong password': 4, pin: 2, secret: 1 },
  params: (s: Sentence) => ({ length: Math.min(Math.max(numberBefore(s, ['characters?', 'chars?', 'letters?', 'long', 'length', 'digits?']) ?? numberAfter(s, ['length of', 'length']) ?? 16, 4), MAX_PASSWORD), symbols: !/\b(no|without) symbols?\b/.test(s.text) }),
  describe: (p) => `length ${p.length}${p.symbols ? '' : ', no symbols'}`,
  build: (p) => {
    const plain = LOWER + UPPER + DIGITS;
    const charset = tool.expr('charset', `{{symbols}} ? "${plain + SYMBOLS}" : "${plain}"`);
    const generate: ToolBinding[] = [charset, tool.expr('password', randomString(p.length))];
    return {
      description: `Generates ${p.length}-character passwords from letters and digits${p.symbols ? ' and symbols' : ''} (look-alike characters left out).`,
      components: [
        input('password', { readonly: true, value: '', placeholder: 'press Generate' }),
        checkbox('symbols', 'Include symbols', generate, p.symbols),
        row('actions', [button('generate', 'Generate', generate, { variant: 'primary' }), button('copy', 'Copy', [tool.copy('password')])]),
        caption('note', `${p.length} characters. Nothing is stored or sent anywhere.`),
      ],
      lifecycle: { on_mount: generate },
      keys: { Enter: generate, g: generate, c: [tool.copy('password')] },
    };
  },
});

const hexDigits = (key: string) => `"0123456789abcdef"[floor(${key} / 16) + 1], "0123456789abcdef"[mod(round(${key}), 16) + 1]`;

export const colorMixer = defineKind({
  id: 'color-mixer',
  name: 'Color Mixer',
  icon: '🎨',
  category: 'creative',
  keywords: { color: 3, colour: 3, rgb: 4, palette: 2, hex: 2, paint: 2, 'color picker': 4, mixer: 1, blend: 2 },
  params: (s: Sentence) => ({ two: /\b(mix|mixer|mixing|blend|two colou?rs)\b/.test(s.text) }),
  describe: (p) => (p.two ? 'mixing two colors' : 'one color from RGB'),
  build: (p) => {
    const ch = ['red', 'green', 'blue'];
    const mixed = (i: number) => (p.two ? `round({{a-${ch[i]}}} * (100 - {{mix}}) / 100 + {{b-${ch[i]}}} * {{mix}} / 100)` : `round({{a-${ch[i]}}})`);
    const update: ToolBinding[] = [
      ...ch.map((c, i) => tool.expr(`out-${c}`, mixed(i))),
      tool.expr('hex', `concat("#", ${ch.map((c) => hexDigits(`{{out-${c}}}`)).join(', ')})`),
      tool.expr('rgb', `concat("rgb(", string({{out-red}}), ", ", string({{out-green}}), ", ", string({{out-blue}}), ")")`),
    ];
    const sliders = (prefix: string, title: string, init: number[]) =>
      card(`${prefix}card`, title, ch.map((c, i) => field(`${prefix}${c}`, titleCase(c), slider(`${prefix}${c}`, 0, 255, init[i]!, update))));
    return {
      description: p.two ? 'Mix two RGB colors in any proportion and read the result as hex and rgb().' : 'Pick a color with red, green and blue sliders; read it as hex and rgb().',
      components: [
        row('inputs', [sliders('a-', p.two ? 'Color A' : 'Color', [255, 99, 71]), ...(p.two ? [sliders('b-', 'Color B', [65, 105, 225])] : [])]),
        ...(p.two ? [field('mix', 'Mix (0 = all A, 100 = all B)', slider('mix', 0, 100, 50, update))] : []),
        card('result', 'Result', [text('swatch', '██████████', { style: { color: ref('hex') } }), row('codes', [text('hex', '', { weight: 'bold' }), text('rgb', '')])]),
      ],
      lifecycle: { on_mount: update },
    };
  },
});

/** Small built-in decks, so "a quiz about capitals" works offline with real questions. */
const DECKS: { words: RegExp; title: string; cards: [string, string][] }[] = [
  { words: /\b(capital|capitals|countries|geography)\b/, title: 'World Capitals', cards: [['France', 'Paris'], ['Japan', 'Tokyo'], ['Canada', 'Ottawa'], ['Australia', 'Canberra'], ['Brazil', 'Brasília'], ['Kenya', 'Nairobi'], ['Egypt', 'Cairo'], ['Norway', 'Oslo'], ['Argentina', 'Buenos Aires'], ['India', 'New Delhi']] },
  { words: /\b(spanish|espa[nñ]ol)\b/, title: 'Spanish Words', cards: [['hello', 'hola'], ['thank you', 'gracias'], ['water', 'agua'], ['house', 'casa'], ['dog', 'perro'], ['book', 'libro'], ['friend', 'amigo'], ['red', 'rojo'], ['tomorrow', 'mañana'], ['cheese', 'queso']] },
  { words: /\b(element|elements|chemistry|periodic)\b/, title: 'Chemical Elements', cards: [['H', 'Hydrogen'], ['He', 'Helium'], ['C', 'Carbon'], ['N', 'Nitrogen'], ['O', 'Oxygen'], ['Na', 'Sodium'], ['Fe', 'Iron'], ['Au', 'Gold'], ['Ag', 'Silver'], ['K', 'Potassium']] },
  { words: /\b(planet|planets|solar system|astronomy)\b/, title: 'Planets', cards: [['Closest planet to the Sun', 'Mercury'], ['Largest planet', 'Jupiter'], ['The red planet', 'Mars'], ['Planet with the most famous rings', 'Saturn'], ['Hottest planet', 'Venus'], ['Planet tilted on its side', 'Uranus'], ['Farthest planet from the Sun', 'Neptune'], ['The planet we live on', 'Earth']] },
];

export const quiz = defineKind({
  id: 'quiz',
  name: 'Quiz',
  icon: '❓',
  category: 'creative',
  keywords: { quiz: 4, flashcard: 4, 'flash card': 4, trivia: 4, study: 2, learn: 1, vocabulary: 3, 'times table': 4, multiplication: 3, practice: 1, exam: 2 },
  params: (s: Sentence) => ({
    mode: /\b(math|maths|arithmetic|multiplication|times tables?|addition|sums)\b/.test(s.text) ? ('math' as const) : DECKS.some((d) => d.words.test(s.text)) ? ('deck' as const) : ('own' as const),
    deck: DECKS.find((d) => d.words.test(s.text)),
    op: /\b(addition|add|sums?|plus)\b/.test(s.text) ? '+' : '*',
    topic: topicOf(s, ['about', 'on', 'for', 'of']),
  }),
  describe: (p) => (p.mode === 'math' ? `${p.op === '+' ? 'addition' : 'multiplication'} practice` : p.mode === 'deck' ? `the "${p.deck!.title}" deck` : `your own cards${p.topic ? ` about ${p.topic}` : ''}`),
  build: (p) => {
    const score = [row('score-row', [badge('score-label', 'Right', 'success'), text('right', '0', { weight: 'bold' }), badge('missed-label', 'Missed', 'error'), text('missed', '0', { weight: 'bold' })])];
    const init = [tool.set('right', 0), tool.set('missed', 0)];
    if (p.mode === 'math') {
      const next = [tool.compute('a', 'randomInt(2, 13)'), tool.compute('b', 'randomInt(2, 13)'), tool.clear('answer'), tool.set('feedback', '')];
      const check: ToolBinding[] = [
        tool.expr('feedback', `{{answer}} == {{a}} ${p.op} {{b}} ? "✓ Correct" : concat("✗ It was ", string({{a}} ${p.op} {{b}}))`),
        tool.compute('right', `{{right}} + ({{answer}} == {{a}} ${p.op} {{b}} ? 1 : 0)`),
        tool.compute('missed', `{{missed}} + ({{answer}} == {{a}} ${p.op} {{b}} ? 0 : 1)`),
      ];
      return {
        description: `${p.op === '+' ? 'Addition' : 'Multiplication'} practice with random questions and a score.`,
        components: [
          row('question', [heading('a', '?', 'h1'), heading('op', p.op === '+' ? '+' : '×', 'h1'), heading('b', '?', 'h1'), heading('eq', '=', 'h1')]),
          row('answer-row', [input('answer', { type: 'number', placeholder: 'your answer' }, { submit: check }), button('check', 'Check', check, { variant: 'primary' }), button('next', 'Next', next)]),
          text('feedback', ''),
          ...score,
        ],
        lifecycle: { on_mount: [...init, ...next] },
        keys: { Enter: check, n: next },
      };
    }
    if (p.mode === 'deck') {
      const deck = p.deck!;
      const cards: Component[] = deck.cards.map(([q, a], i) => {
        const id = `card-${i + 1}`;
        return card(id, q, [
          text(`${id}-answer`, a, { weight: 'bold' }),
          row(`${id}-actions`, [button(`${id}-show`, 'Show answer', [tool.show(`${id}-answer`)]), button(`${id}-right`, 'Knew it', [tool.compute('right', '{{right}} + 1'), tool.hide(`${id}-show`)], { variant: 'primary', size: 'small' }), button(`${id}-missed`, 'Missed', [tool.compute('missed', '{{missed}} + 1')], { variant: 'ghost', size: 'small' })]),
        ]);
      });
      return { description: `Flashcards: ${deck.title} (${deck.cards.length} cards) with a score.`, components: [...score, ...cards], lifecycle: { on_mount: [...init, ...deck.cards.map((_, i) => tool.hide(`card-${i + 1}-answer`))] } };
    }
    const add: ToolBinding[] = [tool.listAdd('deck', { front: ref('front'), back: ref('back'), text: ref('front') }), tool.clear('front'), tool.clear('back'), tool.persist()];
    return {
      description: `Flashcards${p.topic ? ` about ${p.topic}` : ''}: make cards, then study them and keep score. Saved between runs.`,
      components: [
        tabs('modes', [
          { id: 'study', label: 'Study', children: [
            caption('study-how', 'Pick a card, think of the answer, then reveal it.'),
            list('deck', {}, [tool.expr('question', `${clickedItem('deck')}.front`), tool.expr('reveal', `${clickedItem('deck')}.back`), tool.hide('reveal')]),
            card('current', 'Card', [heading('question', '—', 'h2'), text('reveal', '', { weight: 'bold' }), row('study-actions', [button('show', 'Show answer', [tool.show('reveal')]), button('knew', 'Knew it', [tool.compute('right', '{{right}} + 1')], { variant: 'primary' }), button('miss', 'Missed', [tool.compute('missed', '{{missed}} + 1')], { variant: 'ghost' })])]),
            ...score,
          ] },
          { id: 'cards', label: 'Cards', children: [field('front', 'Front (question)', input('front', { placeholder: 'Question' })), field('back', 'Back (answer)', input('back', { placeholder: 'Answer' })), button('add-card', 'Add card', add, { variant: 'primary' })] },
        ]),
      ],
      lifecycle: { on_mount: [...init, tool.hide('reveal'), tool.restore()] },
    };
  },
});

export const FUN_KINDS = [counter, waterTracker, dice, randomPicker, passwordGenerator, colorMixer, quiz];
