import { describe, expect, it } from 'vitest';
import type { Component, ToolBinding } from '../../src/blueprint/types.js';
import type { Runtime } from '../../src/runtime/index.js';
import { blueprint, button, input, on, testRuntime } from './setup.js';

/** An app with the given components; returns helpers to click, change and read state. */
async function app(components: Component[], more: Parameters<typeof blueprint>[1] = {}) {
  const rt = testRuntime();
  const id = await rt.launch(blueprint(components, more));
  return {
    rt,
    id,
    click: (component: string) => rt.dispatchEvent(id, { component, event: 'click' }),
    change: (component: string, value?: unknown) => rt.dispatchEvent(id, { component, event: 'change', value }),
    state: () => rt.getSnapshot().apps[id]!.state,
    errors: () => rt.getSnapshot().apps[id]!.errors,
    props: (c: string) => rt.props(id, c),
  };
}

const display: Component = { type: 'input', id: 'display', props: { value: '0', readonly: true } };
const digit = (d: string, click: ToolBinding[] = on('ui.append')) => button(`btn-${d}`, d, click);

describe('ui.append / ui.compute / ui.clear / ui.backspace (the calculator)', () => {
  it('a digit replaces the lone 0; operators and digits append; the button\'s own key stays untouched', async () => {
    const a = await app([display, digit('7'), digit('3'), digit('+'), digit('0')]);
    await a.click('btn-7');
    expect(a.state()).toEqual({ display: '7' });
    await a.click('btn-+');
    await a.click('btn-3');
    expect(a.state()).toEqual({ display: '7+3' });
    expect(a.state()['btn-7']).toBeUndefined();
    expect(a.props('btn-7').text).toBe('7');
  });

  it('appending 0 to "0" keeps one 0; a digit after "Error" starts again', async () => {
    const a = await app([display, digit('0'), digit('5'), button('eq', '=', on('ui.compute')), button('bad', '/', on('ui.append'))]);
    await a.click('btn-0');
    expect(a.state().display).toBe('0');
    await a.click('bad');
    await a.click('eq');
    expect(a.state().display).toBe('Error');
    await a.click('btn-5');
    expect(a.state().display).toBe('5');
  });

  it('computes with × ÷ − and reports "Error" without an app error', async () => {
    const a = await app([display, button('eq', '=', on('ui.compute'))]);
    for (const [typed, shown] of [['7+3', '10'], ['6×7', '42'], ['9÷4', '2.25'], ['10−12', '-2'], ['0.1+0.2', '0.3'], ['1/0', 'Error'], ['2+', 'Error']]) {
      await a.change('display', typed);
      await a.click('eq');
      expect(a.state().display, typed).toBe(shown);
    }
    expect(a.errors()).toEqual([]);
  });

  it('append, compute, clear and backspace take another target', async () => {
    const a = await app([
      input('expr', ''),
      button('one', '1', on('ui.append', { target: 'expr' })),
      button('plus', '+', on('ui.append', { key: 'expr' })),
      button('eq', '=', on('ui.compute', { target: 'expr' })),
      button('bs', '<', on('ui.backspace', { target: 'expr' })),
      button('c', 'C', on('ui.clear', { target: 'expr' })),
      button('explicit', 'x', on('ui.append', { target: 'expr', value: 'x' })),
    ]);
    await a.click('one');
    await a.click('plus');
    await a.click('one');
    expect(a.state().expr).toBe('1+1');
    await a.click('bs');
    expect(a.state().expr).toBe('1+');
    await a.click('one');
    await a.click('eq');
    expect(a.state().expr).toBe('2');
    await a.click('explicit');
    expect(a.state().expr).toBe('2x');
    await a.click('c');
    expect(a.state().expr).toBe('');
  });

  it('clear goes to "0" for a calculator display, "" for text, or the value given', async () => {
    const a = await app([display, input('name', 'Ada'), button('c1', 'C', on('ui.clear')), button('c2', 'C', on('ui.clear', { key: 'name' })), button('c3', 'C', on('ui.clear', { key: 'name', value: '-' }))]);
    await a.change('display', '12+3');
    await a.click('c1');
    await a.click('c2');
    expect(a.state()).toMatchObject({ display: '0', name: '' });
    await a.click('c3');
    expect(a.state().name).toBe('-');
  });

  it('backspace ends at "0" on a display', async () => {
    const a = await app([display, button('bs', '<', on('ui.backspace'))]);
    await a.change('display', '12');
    await a.click('bs');
    await a.click('bs');
    expect(a.state().display).toBe('0');
    await a.click('bs');
    expect(a.state().display).toBe('0');
  });
});

describe('ui.set / get / set_multiple / toggle', () => {
  it('sets from args, from the event, and from a math expression over state', async () => {
    const a = await app([
      input('price', '3'),
      input('qty', '4'),
      button('fixed', 'f', on('ui.set', { key: 'mode', value: 'dark' })),
      button('from-event', 'Hello', on('ui.set', { key: 'greeting' })),
      button('total', 't', on('ui.set', { key: 'total', expression: 'number(state.price) * number(state.qty)' })),
      button('many', 'm', on('ui.set_multiple', { values: { a: 1, b: [2] } })),
      button('flip', 'f', on('ui.toggle', { key: 'dark' })),
    ]);
    await a.click('fixed');
    await a.click('from-event');
    await a.click('total');
    await a.click('many');
    await a.click('flip');
    expect(a.state()).toMatchObject({ mode: 'dark', greeting: 'Hello', total: 12, a: 1, b: [2], dark: true });
    await a.click('flip');
    expect(a.state().dark).toBe(false);
  });

  it('arguments read the event, the component\'s props and state through {{...}}', async () => {
    const a = await app([
      input('name', 'Ada'),
      { type: 'button', id: 'hi', props: { text: 'Hi', value: 'v1' }, on_event: { click: [{ tool: 'ui.set', args: { key: 'out', value: '{{props.text}}, {{state.name}} ({{event.componentId}}:{{event.value}})' } }] } },
      { type: 'button', id: 'typed', props: { text: 'T' }, on_event: { click: [{ tool: 'ui.set', args: { key: 'copy', value: '{{state.list}}' } }] } },
      button('mk', 'mk', on('ui.set', { key: 'list', value: [1, 2] })),
    ]);
    await a.click('hi');
    expect(a.state().out).toBe('Hi, Ada (hi:v1)');
    await a.click('mk');
    await a.click('typed');
    expect(a.state().copy).toEqual([1, 2]);
  });

  it('a missing key is an error on the app, not a crash', async () => {
    const a = await app([button('t', 't', on('ui.toggle'))]);
    await a.click('t');
    expect(a.errors()[0]).toMatchObject({ code: 'EINVAL', tool: 'ui.toggle' });
    expect(a.errors()[0]!.message).toMatch(/which state key/);
  });
});

describe('two-way bindings and props that read state', () => {
  it('value-holding components write their value into state on change', async () => {
    const a = await app([
      input('name', ''),
      { type: 'checkbox', id: 'agree', props: { label: 'ok' } },
      { type: 'slider', id: 'vol', props: { min: 0, max: 10, value: 3 } },
      { type: 'select', id: 'color', props: { options: ['red', 'blue'], value: 'red' } },
      { type: 'textarea', id: 'notes', props: {} },
    ]);
    expect(a.state()).toEqual({ name: '', vol: 3, color: 'red' });
    await a.change('name', 'Ada');
    await a.change('agree');
    await a.change('vol', '7');
    await a.change('color', 'blue');
    await a.change('notes', 'line1\nline2');
    expect(a.state()).toEqual({ name: 'Ada', agree: true, vol: 7, color: 'blue', notes: 'line1\nline2' });
    await a.change('agree');
    expect(a.state().agree).toBe(false);
    expect(a.props('name').value).toBe('Ada');
    expect(a.props('agree').checked).toBe(false);
  });

  it('a value prop bound to {{state.key}} reads and writes that key', async () => {
    const a = await app([{ type: 'input', id: 'field', props: { value: '{{state.title}}' } }, button('set', 's', on('ui.set', { key: 'title', value: 'T1' }))]);
    await a.click('set');
    expect(a.props('field').value).toBe('T1');
    await a.change('field', 'T2');
    expect(a.state()).toEqual({ title: 'T2' });
  });

  it('change bindings run after the value is in state', async () => {
    const a = await app([{ type: 'input', id: 'q', props: { value: '' }, on_event: { change: [{ tool: 'ui.set', args: { key: 'echo', value: '{{state.q}}!' } }] } }]);
    await a.change('q', 'abc');
    expect(a.state()).toEqual({ q: 'abc', echo: 'abc!' });
  });

  it('texts, badges, progress and other components show their state key', async () => {
    const a = await app([
      { type: 'text', id: 'result', props: { content: 'none yet' } },
      { type: 'text', id: 'greet', props: { content: 'Hello {{state.who}}' } },
      { type: 'progress', id: 'bar', props: { value: 0, max: 100 } },
      button('go', 'go', [{ tool: 'ui.set', args: { key: 'result', value: 'done' } }, { tool: 'ui.set', args: { key: 'who', value: 'Ada' } }, { tool: 'ui.set', args: { key: 'bar', value: 50 } }]),
    ]);
    expect(a.props('result').content).toBe('none yet');
    expect(a.props('greet').content).toBe('Hello ');
    await a.click('go');
    expect(a.props('result').content).toBe('done');
    expect(a.props('greet').content).toBe('Hello Ada');
    expect(a.props('bar').value).toBe(50);
  });
});

describe('show, hide, enable, disable', () => {
  it('set hidden/disabled props, and a disabled or hidden component ignores events', async () => {
    const a = await app([
      button('target', 't', on('ui.set', { key: 'clicked', value: true })),
      button('off', 'off', on('ui.disable', { key: 'target' })),
      button('on', 'on', on('ui.enable', { key: 'target' })),
      button('hide', 'hide', on('ui.hide', { key: 'target' })),
      button('show', 'show', on('ui.show', { key: 'target' })),
    ]);
    await a.click('off');
    expect(a.props('target').disabled).toBe(true);
    expect(await a.rt.dispatchEvent(a.id, { component: 'target', event: 'click' })).toBe(false);
    expect(a.state().clicked).toBeUndefined();
    await a.click('on');
    await a.click('hide');
    expect(a.props('target').hidden).toBe(true);
    await a.click('target');
    expect(a.state().clicked).toBeUndefined();
    await a.click('show');
    await a.click('target');
    expect(a.state().clicked).toBe(true);
  });
});

describe('lists: ui.add_item / remove_item and list.*', () => {
  it('adds from an input (then clears it), removes by index and value', async () => {
    const a = await app([
      input('new', ''),
      button('add', '+', on('ui.add_item', { key: 'todos', from: 'new' })),
      button('add-x', '+x', on('ui.add_item', { key: 'todos', item: 'x' })),
      button('rm0', '-', on('ui.remove_item', { key: 'todos', index: 0 })),
      button('rmx', '-x', on('ui.remove_item', { key: 'todos', value: 'x' })),
    ]);
    await a.change('new', '  milk ');
    await a.click('add');
    await a.click('add');
    expect(a.state()).toMatchObject({ new: '', todos: ['milk'] });
    await a.click('add-x');
    await a.click('rm0');
    expect(a.state().todos).toEqual(['x']);
    await a.click('rmx');
    expect(a.state().todos).toEqual([]);
  });

  it('list.add makes items with ids; toggle, remove and clear act on them', async () => {
    const a = await app([
      { type: 'list', id: 'tasks', props: {} },
      input('task', ''),
      button('add', '+', on('list.add', { list_id: 'tasks', item: '{{state.task}}' })),
      button('done1', 'v', on('list.toggle', { list_id: 'tasks', item_id: 1 })),
      button('rm2', 'x', on('list.remove', { list_id: 'tasks', item_id: 2 })),
      button('clear', 'c', on('list.clear', { list_id: 'tasks' })),
    ]);
    await a.change('task', 'a');
    await a.click('add');
    await a.change('task', 'b');
    await a.click('add');
    await a.click('done1');
    expect(a.state().tasks).toEqual([{ id: 1, text: 'a', done: true }, { id: 2, text: 'b', done: false }]);
    expect(a.props('tasks').items).toEqual(a.state().tasks);
    await a.click('rm2');
    expect(a.state().tasks).toEqual([{ id: 1, text: 'a', done: true }]);
    await a.click('clear');
    expect(a.state().tasks).toEqual([]);
  });

  it('acting on something that is not a list is an error on the app', async () => {
    const a = await app([input('t', 'text'), button('add', '+', on('ui.add_item', { key: 't', item: 1 }))]);
    await a.click('add');
    expect(a.errors()[0]!.message).toMatch(/not a list/);
    expect(a.state().t).toBe('text');
  });
});

describe('forms, tabs and modals', () => {
  const form: Component = {
    type: 'container',
    id: 'signup',
    props: {},
    children: [input('email', ''), { type: 'input', id: 'nick', props: { value: 'anon' } }, { type: 'checkbox', id: 'terms', props: { label: 'ok' } }],
  };

  it('validate marks empty required fields; submit hands over the values; reset restores them', async () => {
    const a = await app([
      form,
      button('check', 'check', on('form.validate', { form_id: 'signup', required: ['email', 'terms'] })),
      button('send', 'send', on('form.submit', { form_id: 'signup', required: ['email', 'terms'] })),
      button('reset', 'reset', on('form.reset', { form_id: 'signup' })),
    ]);
    await a.click('check');
    expect(a.state()).toMatchObject({ signup_valid: false, signup_errors: { email: 'This field is required', terms: 'This field is required' } });
    await a.change('email', 'a@b.c');
    await a.change('terms');
    await a.click('send');
    expect(a.state()).toMatchObject({ signup_valid: true, signup_errors: {}, signup_submitted: { email: 'a@b.c', nick: 'anon', terms: true } });
    await a.change('nick', 'zed');
    await a.click('reset');
    expect(a.state()).toMatchObject({ email: '', nick: 'anon', terms: false, signup_valid: false });
    expect(a.state().signup_submitted).toBeUndefined();
  });

  it('a form that does not exist is an error', async () => {
    const a = await app([button('check', 'check', on('form.validate', { form_id: 'nope' }))]);
    await a.click('check');
    expect(a.errors()[0]!.message).toMatch(/no form "nope"/);
  });

  it('tabs.switch sets the active tab; modal.open/close its open prop', async () => {
    const a = await app([
      { type: 'tabs', id: 'tabs', props: {}, children: [{ type: 'container', id: 'one', props: { label: 'One' } }, { type: 'container', id: 'two', props: { label: 'Two' } }] },
      { type: 'modal', id: 'help', props: { title: 'Help' } },
      button('to-two', '2', on('tabs.switch', { tab_id: 'two' })),
      button('open', '?', on('modal.open', { modal_id: 'help' })),
      button('close', 'x', on('modal.close', { modal_id: 'help' })),
    ]);
    expect(a.props('tabs').active).toBe('one');
    await a.click('to-two');
    expect(a.props('tabs').active).toBe('two');
    await a.click('open');
    expect(a.props('help').open).toBe(true);
    await a.click('close');
    expect(a.props('help').open).toBe(false);
  });
});

describe('keyboard bindings (ui.keys)', () => {
  it('runs a key\'s tools with the key as the event value', async () => {
    const rt: Runtime = testRuntime();
    const id = await rt.launch(blueprint([display], { keys: { '7': on('ui.append'), '+': on('ui.append'), Enter: on('ui.compute'), Escape: on('ui.clear') } }));
    for (const k of ['7', '+', '7']) expect(await rt.pressKey(id, k)).toBe(true);
    await rt.pressKey(id, 'return');
    expect(rt.getSnapshot().apps[id]!.state.display).toBe('14');
    expect(await rt.pressKey(id, 'x')).toBe(false);
    await rt.pressKey(id, 'Esc');
    expect(rt.getSnapshot().apps[id]!.state.display).toBe('0');
    await expect(rt.pressKey(id, 'Hyper-q')).rejects.toThrow(/unknown modifier/);
  });
});
