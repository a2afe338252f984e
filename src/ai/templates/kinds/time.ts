import type { ToolBinding } from '../../../blueprint/types.js';
import { defineKind } from '../kind.js';
import { durations, topicOf, type Duration } from '../params.js';
import { titleCase, type Sentence } from '../sentence.js';
import { NO_TIMER, tool } from '../tools.js';
import { button, caption, card, field, heading, input, list, progress, row, text } from '../ui.js';

/** mathjs: seconds in a state key as m:ss (or h:mm:ss). */
const clock = (key: string) => {
  const s = `{{${key}}}`;
  const pad = (x: string) => `(${x} < 10 ? "0" : ""), string(${x})`;
  return `${s} >= 3600 ? concat(string(floor(${s} / 3600)), ":", ${pad(`floor(mod(${s}, 3600) / 60)`)}, ":", ${pad(`floor(mod(${s}, 60))`)}) : concat(string(floor(${s} / 60)), ":", ${pad(`floor(mod(${s}, 60))`)})`;
};

const clockText = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
};

const human = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);

/** A countdown over `remaining` seconds, started by Start and stopped by Pause or Reset. */
function countdownParts(seconds: number, opts: { withInput: boolean }) {
  const minutes = Math.round((seconds / 60) * 100) / 100;
  const resetTo: ToolBinding[] = opts.withInput
    ? [tool.expr('remaining', 'round({{minutes}} * 60)'), tool.expr('total', 'round({{minutes}} * 60)')]
    : [tool.set('remaining', seconds), tool.set('total', seconds)];
  const show: ToolBinding[] = [tool.expr('clock', clock('remaining')), tool.expr('progress', '{{total}} - {{remaining}}'), tool.expr('status', '{{remaining}} == 0 ? "Time is up!" : ""')];
  const tick = [tool.expr('remaining', 'max(0, {{remaining}} - 1)'), ...show];
  return {
    components: [
      ...(opts.withInput ? [field('minutes', 'Minutes', input('minutes', { type: 'number', placeholder: 'minutes', value: String(minutes) }, [...resetTo, ...show]))] : []),
      heading('clock', clockText(seconds), 'h1'),
      progress('progress', 0, seconds),
      text('status', ''),
      row('controls', [
        button('start', 'Start', [tool.stopTimer('tick'), tool.every('tick', 1000, tick)], { variant: 'primary' }),
        button('pause', 'Pause', [tool.stopTimer('tick')]),
        button('reset', 'Reset', [tool.stopTimer('tick'), ...resetTo, ...show], { variant: 'secondary' }),
      ]),
    ],
    lifecycle: { on_mount: [tool.set('tick', NO_TIMER), tool.set('remaining', seconds), tool.set('total', seconds)], on_unmount: [tool.stopTimer('tick')] },
    keys: { Space: [tool.stopTimer('tick'), tool.every('tick', 1000, tick)], p: [tool.stopTimer('tick')], r: [tool.stopTimer('tick'), ...resetTo, ...show] },
  };
}

const firstDuration = (s: Sentence, fallback: number): { ms: number; asked: boolean } => {
  const d = durations(s)[0];
  return d ? { ms: d.ms, asked: true } : { ms: fallback, asked: false };
};

export const timer = defineKind({
  id: 'timer',
  name: 'Timer',
  icon: '⏲️',
  category: 'utilities',
  keywords: { timer: 2, 'kitchen timer': 3, 'egg timer': 3, 'cooking timer': 3, alarm: 1 },
  params: (s: Sentence) => firstDuration(s, 5 * 60_000),
  describe: (p) => (p.asked ? `duration ${human(p.ms)}` : undefined),
  build: (p) => {
    const parts = countdownParts(p.ms / 1000, { withInput: true });
    return { description: `A timer set to ${human(p.ms)}; change the minutes, start, pause and reset.`, ...parts };
  },
});

export const countdown = defineKind({
  id: 'countdown',
  name: 'Countdown',
  icon: '⏳',
  category: 'utilities',
  keywords: { countdown: 3, 'count down': 3, deadline: 2, 'time left': 2, remaining: 1, timer: 1 },
  params: (s: Sentence) => ({ ...firstDuration(s, 10 * 60_000), label: topicOf(s, ['to', 'until', 'till', 'for']) }),
  describe: (p) => [p.asked ? `duration ${human(p.ms)}` : '', p.label ? `label "${p.label}"` : ''].filter(Boolean).join(', ') || undefined,
  build: (p) => {
    const parts = countdownParts(p.ms / 1000, { withInput: false });
    return {
      description: `Counts down ${human(p.ms)}${p.label ? ` to ${p.label}` : ''}.`,
      ...parts,
      components: [caption('label', p.label ? `Until ${titleCase(p.label)}` : `${human(p.ms)} countdown`), ...parts.components],
    };
  },
});

export const stopwatch = defineKind({
  id: 'stopwatch',
  name: 'Stopwatch',
  icon: '⏱️',
  category: 'utilities',
  keywords: { stopwatch: 4, 'stop watch': 4, lap: 2, 'elapsed time': 2, chronometer: 3 },
  params: () => ({}),
  build: () => {
    const tick = [tool.expr('elapsed', 'round({{elapsed}} + 0.1, 1)'), tool.expr('clock', `concat((${clock('elapsed')}), ".", string(round(mod({{elapsed}}, 1) * 10)))`)];
    return {
      description: 'A stopwatch with tenths of a second and laps.',
      components: [
        heading('clock', '0:00.0', 'h1'),
        row('controls', [
          button('start', 'Start', [tool.stopTimer('tick'), tool.every('tick', 100, tick)], { variant: 'primary' }),
          button('stop', 'Stop', [tool.stopTimer('tick')]),
          button('lap', 'Lap', [tool.listAdd('laps', '{{clock}}')]),
          button('reset', 'Reset', [tool.stopTimer('tick'), tool.set('elapsed', 0), tool.set('clock', '0:00.0'), tool.listClear('laps')], { variant: 'secondary' }),
        ]),
        text('laps-title', 'Laps', { variant: 'label' }),
        list('laps', { variant: 'striped' }),
      ],
      lifecycle: { on_mount: [tool.set('tick', NO_TIMER), tool.set('elapsed', 0)], on_unmount: [tool.stopTimer('tick')] },
      keys: { Space: [tool.stopTimer('tick'), tool.every('tick', 100, tick)], s: [tool.stopTimer('tick')], l: [tool.listAdd('laps', '{{clock}}')] },
    };
  },
});

const pick = (ds: Duration[], label: RegExp) => ds.find((d) => d.label && label.test(d.label));

export const pomodoro = defineKind({
  id: 'pomodoro',
  name: 'Pomodoro',
  icon: '🍅',
  category: 'productivity',
  keywords: { pomodoro: 4, 'focus timer': 3, 'work timer': 2, 'study timer': 3, 'focus session': 2, 'work and break': 3, break: 1, focus: 1 },
  params: (s: Sentence) => {
    const ds = durations(s);
    const work = pick(ds, /work|focus|session|round/) ?? ds.find((d) => !d.label || !/break|rest|pause/.test(d.label)) ?? { ms: 25 * 60_000 };
    const rest = pick(ds, /break|rest|pause/) ?? ds.find((d) => d !== work) ?? { ms: 5 * 60_000 };
    return { work: work.ms, rest: rest.ms, asked: ds.length > 0 };
  },
  describe: (p) => (p.asked ? `focus ${human(p.work)}, break ${human(p.rest)}` : undefined),
  build: (p) => {
    const W = Math.round(p.work / 1000);
    const B = Math.round(p.rest / 1000);
    // phase 0 is focus, 1 is break; at zero the phase flips and the clock refills.
    const tick: ToolBinding[] = [
      tool.expr('remaining', 'max(0, {{remaining}} - 1)'),
      tool.expr('switch', '{{remaining}} == 0 ? 1 : 0'),
      tool.expr('phase', '{{switch}} == 1 ? 1 - {{phase}} : {{phase}}'),
      tool.expr('cycles', '{{cycles}} + ({{switch}} == 1 and {{phase}} == 1 ? 1 : 0)'),
      tool.expr('remaining', `{{switch}} == 1 ? ({{phase}} == 0 ? ${W} : ${B}) : {{remaining}}`),
      tool.expr('phase-label', '{{phase}} == 0 ? "Focus" : "Break"'),
      tool.expr('clock', clock('remaining')),
    ];
    const reset: ToolBinding[] = [tool.stopTimer('tick'), tool.set('phase', 0), tool.set('remaining', W), tool.set('phase-label', 'Focus'), tool.set('clock', clockText(W))];
    return {
      description: `Pomodoro: ${human(p.work)} of focus, then a ${human(p.rest)} break, counting finished rounds.`,
      components: [
        heading('phase-label', 'Focus', 'h3'),
        heading('clock', clockText(W), 'h1'),
        row('controls', [
          button('start', 'Start', [tool.stopTimer('tick'), tool.every('tick', 1000, tick)], { variant: 'primary' }),
          button('pause', 'Pause', [tool.stopTimer('tick')]),
          button('reset', 'Reset', reset, { variant: 'secondary' }),
        ]),
        card('stats', 'Today', [row('cycles-row', [text('cycles-label', 'Rounds done'), text('cycles', '0', { weight: 'bold' })])]),
        caption('plan', `${human(p.work)} focus · ${human(p.rest)} break`),
      ],
      lifecycle: { on_mount: [tool.set('tick', NO_TIMER), tool.set('phase', 0), tool.set('cycles', 0), tool.set('remaining', W), tool.set('switch', 0)], on_unmount: [tool.stopTimer('tick')] },
      keys: { Space: [tool.stopTimer('tick'), tool.every('tick', 1000, tick)], p: [tool.stopTimer('tick')], r: reset },
    };
  },
});

export const TIME_KINDS = [pomodoro, stopwatch, countdown, timer];
