import { describe, expect, it } from 'vitest';
import type { Blueprint, Component } from '../../../src/blueprint/types.js';
import { ACTIONS } from '../../../src/tui/keymap.js';
import { click, desktop, find } from './harness.js';

const c = (type: Component['type'], id: string, props: Record<string, unknown> = {}, extra: Partial<Component> = {}): Component => ({ type, id, props, ...extra });
const set = (key: string, value: unknown) => [{ tool: 'ui.set', args: { key, value } }];

function app(id: string, components: Component[], more: Partial<Blueprint['ui']> = {}): Blueprint {
  return {
    app: { id, name: id[0]!.toUpperCase() + id.slice(1), permissions: ['MINIMAL'] },
    services: [],
    ui: { title: id[0]!.toUpperCase() + id.slice(1), layout: 'vertical', components, lifecycle: {}, ...more },
  };
}

const form = app('form', [
  c('input', 'name', { placeholder: 'Your name' }, { on_event: { submit: set('out', 'submitted') } }),
  c('button', 'go', { text: 'Go' }, { on_event: { click: set('out', 'clicked') } }),
  c('text', 'out', { content: '-' }),
  c('checkbox', 'agree', { label: 'Agree' }),
  c('select', 'color', { options: ['red', 'green', 'blue'], value: 'red' }),
  c('slider', 'level', { min: 0, max: 10, value: 5 }),
]);

const keyed = app('keyed', [c('input', 'field'), c('text', 'out', { content: '-' })], { keys: { x: set('out', 'pressed x') } });

describe('the desktop', () => {
  it('draws menu bar, dock and a launched window with its title and buttons', async () => {
    const h = await desktop([form]);
    await h.rt.launchApp('form');
    await h.until('Form');
    const s = h.screen();
    expect(s.split('\n')[0]).toContain('AgentOS');
    expect(s).toMatch(/╭ Form .*− □ ✕ ╮/);
    expect(s.split('\n').at(-1)).toContain('Form');
    expect(s).toContain('Your name');
  });

  it('moves focus with Tab in reading order, types into an input with a cursor, and submits on Enter', async () => {
    const h = await desktop([form]);
    const id = await h.rt.launchApp('form');
    h.type('\t');
    expect(h.ctl.view(id).focus).toBe('name');
    h.type('Ada');
    await h.until(() => h.rt.getSnapshot().apps[id]!.state.name === 'Ada');
    h.type('\x1b[H'); // Home
    h.type('>');
    await h.until(() => h.rt.getSnapshot().apps[id]!.state.name === '>Ada');
    h.type('\x1b[200~ Lovelace\x1b[201~'); // paste at the cursor
    await h.until(() => h.rt.getSnapshot().apps[id]!.state.name === '> LovelaceAda');
    h.type('\r');
    await h.until(() => h.rt.getSnapshot().apps[id]!.state.out === 'submitted');
    h.type('\t');
    expect(h.ctl.view(id).focus).toBe('go');
    h.type(' ');
    await h.until(() => h.rt.getSnapshot().apps[id]!.state.out === 'clicked');
    h.type('\x1b[Z'); // Shift+Tab
    expect(h.ctl.view(id).focus).toBe('name');
  });

  it('drives checkbox, select and slider from the keyboard', async () => {
    const h = await desktop([form]);
    const id = await h.rt.launchApp('form');
    const state = () => h.rt.getSnapshot().apps[id]!.state;
    h.type('\t\t\t'); // name, go, agree
    h.type(' ');
    await h.until(() => state().agree === true);
    h.type('\t\x1b[B'); // select: Down picks the next option
    await h.until(() => state().color === 'green');
    h.type('\r'); // Enter opens the options
    await h.until('✓ green');
    h.type('\x1b[B\r');
    await h.until(() => state().color === 'blue');
    h.type('\t\x1b[C\x1b[C'); // slider: Right twice
    await h.until(() => state().level === 7);
    h.type('\x1b[F'); // End
    await h.until(() => state().level === 10);
  });

  it("applies the app's ui.keys when no input has focus, and never while typing", async () => {
    const h = await desktop([keyed]);
    const id = await h.rt.launchApp('keyed');
    h.type('x');
    await h.until(() => h.rt.getSnapshot().apps[id]!.state.out === 'pressed x');
    await h.rt.dispatchEvent(id, { component: 'out', event: 'noop' }).catch(() => undefined);
    h.type('\t'); // into the field
    h.type('x');
    await h.until(() => h.rt.getSnapshot().apps[id]!.state.field === 'x');
  });

  it('presses a button under an SGR mouse click and focuses a field clicked', async () => {
    const h = await desktop([form]);
    const id = await h.rt.launchApp('form');
    await h.until('[ Go ]');
    const at = find(h.screen(), '[ Go ]');
    h.type(click(at.x + 2, at.y));
    await h.until(() => h.rt.getSnapshot().apps[id]!.state.out === 'clicked');
    const field = find(h.screen(), 'Your name');
    h.type(click(field.x, field.y));
    expect(h.ctl.view(id).focus).toBe('name');
  });

  it('closes, minimizes and maximizes from the title bar buttons', async () => {
    const h = await desktop([form]);
    const id = await h.rt.launchApp('form');
    await h.until('✕');
    const max = find(h.screen(), '□');
    h.type(click(max.x, max.y));
    await h.until(() => h.rt.getSnapshot().windows[id]!.mode === 'maximized');
    const min = find(h.screen(), '−');
    h.type(click(min.x, min.y));
    await h.until(() => h.rt.getSnapshot().windows[id]!.minimized);
    expect(h.screen()).not.toContain('╭ Form');
    h.type('\x01r'); // prefix r brings it back
    await h.until('╭ Form');
    const close = find(h.screen(), '✕');
    h.type(click(close.x, close.y));
    await h.until(() => !h.rt.getSnapshot().apps[id]);
  });

  it('snaps to each of the nine zones with the prefix and a keypad digit', async () => {
    const h = await desktop([form]);
    const id = await h.rt.launchApp('form');
    const zones: Record<string, string | null> = { '1': 'bottom-left', '2': 'bottom', '3': 'bottom-right', '4': 'left', '6': 'right', '7': 'top-left', '8': 'top', '9': 'top-right' };
    for (const [digit, zone] of Object.entries(zones)) {
      h.type('\x01' + digit);
      expect(h.rt.getSnapshot().windows[id]!.zone, digit).toBe(zone);
    }
    h.type('\x014');
    await h.until(() => h.screen().split('\n')[1]!.indexOf('╮') === 49); // left half of 100 columns
    h.type('\x015');
    expect(h.rt.getSnapshot().windows[id]!.mode).toBe('maximized');
  });

  it('moves and resizes with the prefix, repeating without it', async () => {
    const h = await desktop([form]);
    const id = await h.rt.launchApp('form');
    const x0 = h.rt.getSnapshot().windows[id]!.rect.x;
    h.type('\x01\x1b[C');
    h.type('\x1b[C'); // repeats without the prefix
    expect(h.rt.getSnapshot().windows[id]!.rect.x).toBeGreaterThan(x0);
    const w0 = h.rt.getSnapshot().windows[id]!.rect.w;
    h.type('\x01L');
    expect(h.rt.getSnapshot().windows[id]!.rect.w).toBeGreaterThan(w0);
  });

  it('drags a title bar to move the window, and to the left edge to snap with a preview', async () => {
    const h = await desktop([form]);
    const id = await h.rt.launchApp('form');
    await h.until('╭ Form');
    const t = find(h.screen(), '╭ Form');
    h.type(`\x1b[<0;${t.x + 4};${t.y + 1}M`);
    h.type(`\x1b[<32;${t.x + 14};${t.y + 4}M`);
    const r = h.ctl.windowView(id, h.rt.getSnapshot())!.rect;
    expect(r.x).toBe(t.x + 10);
    h.type(`\x1b[<32;1;${t.y + 6}M`); // the pointer at the left edge
    expect(h.ctl.ui.drag?.snap).toBe('left');
    await h.until('░');
    h.type(`\x1b[<0;1;${t.y + 6}m`);
    expect(h.rt.getSnapshot().windows[id]!.zone).toBe('left');
    expect(h.ctl.ui.drag).toBeNull();
  });

  it('drags the bottom-right corner to resize', async () => {
    const h = await desktop([form]);
    const id = await h.rt.launchApp('form');
    const r = h.ctl.windowView(id, h.rt.getSnapshot())!.rect;
    const x = r.x + r.w - 1;
    const y = r.y + r.h - 1;
    h.type(`\x1b[<0;${x + 1};${y + 1}M\x1b[<32;${x + 6};${y + 3}M\x1b[<0;${x + 6};${y + 3}m`);
    const r2 = h.ctl.windowView(id, h.rt.getSnapshot())!.rect;
    expect(r2.w).toBe(r.w + 5);
    expect(r2.h).toBe(r.h + 2);
  });

  it('tiles the visible windows and cycles the layouts', async () => {
    const h = await desktop([form, keyed]);
    const a = await h.rt.launchApp('form');
    const b = await h.rt.launchApp('keyed');
    h.type('\x01t');
    expect(h.rt.getSnapshot().windows[a]!.tiled).toEqual({ x: 0, y: 0, w: 0.5, h: 1 });
    expect(h.rt.getSnapshot().windows[b]!.tiled).toEqual({ x: 0.5, y: 0, w: 0.5, h: 1 });
    h.type('\x01 ');
    expect(h.ctl.ui.tiling).toBe('rows');
    h.type('\x01t');
    expect(h.rt.getSnapshot().windows[a]!.tiled).toBeNull();
  });

  it('cycles window focus with the prefix and Tab', async () => {
    const h = await desktop([form, keyed]);
    const a = await h.rt.launchApp('form');
    await h.rt.launchApp('keyed');
    h.type('\x01\t');
    await h.until(() => h.rt.getSnapshot().focused === a);
  });

  it('spotlight: fuzzy search, Enter launches the first match', async () => {
    const h = await desktop([form, keyed]);
    h.type('\x0b');
    await h.until('Spotlight');
    h.type('frm');
    await h.until('Form');
    h.type('\r');
    await h.until(() => Object.keys(h.rt.getSnapshot().apps).includes('form'));
    expect(h.ctl.ui.overlay).toBeNull();
  });

  it('spotlight: a result shows its whole name, and its description in what is left', async () => {
    const long = app('monitor', [c('text', 'out', { content: '-' })]);
    const described: Blueprint = { ...long, app: { ...long.app, name: 'System Monitor Deluxe', description: 'Syscall rate and latency, memory and IPC, as live charts of everything' } };
    const h = await desktop([described]);
    h.type('\x0b');
    await h.until('Spotlight');
    h.type('monitor');
    await h.until('System Monitor Deluxe');
    const row = h.screen().split('\n').find((l) => l.includes('System Monitor Deluxe'))!;
    expect(row).toMatch(/Syscall rate.*…/);
  });

  it('spotlight: "> text" or no match offers to generate, streaming into a window', async () => {
    const prompts: string[] = [];
    const h = await desktop([form], {
      generate: async (prompt) => {
        prompts.push(prompt);
      },
    });
    h.type('\x0b> a timer app');
    await h.until('Generate an app: “a timer app”');
    h.type('\r');
    await h.until(() => prompts.length === 1);
    expect(prompts).toEqual(['a timer app']);
    h.type('\x0bzzzzqqq');
    await h.until('no match');
  });

  it('F1 shows every binding; any key closes it', async () => {
    const h = await desktop();
    h.type('\x1bOP');
    await h.until('Keys (prefix Ctrl+A)');
    expect(h.screen()).toContain('open the spotlight');
    h.type('\x1b[6~\x1b[6~'); // PageDown scrolls
    await h.until('snap the window to the left half');
    expect(h.ctl.ui.overlay?.kind).toBe('help');
    h.type('q');
    expect(h.ctl.ui.overlay).toBeNull();
    expect(ACTIONS.length).toBeGreaterThan(30);
  });

  it('asks allow once / always / deny when an app is refused a syscall, with the text sanitized', async () => {
    const grants: [number, string, string | undefined][] = [];
    const h = await desktop([form], { grant: (pid, cap, target) => grants.push([pid, cap, target]) });
    const id = await h.rt.launchApp('form');
    const pid = h.rt.getSnapshot().apps[id]!.pid;
    await h.rt.kernel.syscall(pid, 'fs.read', { path: '/etc/passwd' }).catch(() => undefined);
    await h.until('Always allow');
    expect(h.screen()).toContain('was refused fs.read');
    h.type('\x1b[C\r'); // Always allow
    expect(grants).toEqual([[pid, 'READ_FILE', '/etc/passwd']]);
    h.rt.kernel.events.emit('permission_denied', { pid, syscall: 'fs.read', message: 'evil \x1b[2J\x1b]0;title\x07 text (needs READ_FILE)' });
    await h.until('evil');
    expect(h.screen()).not.toContain(']0;');
    h.type('d');
    expect(h.ctl.ui.overlay).toBeNull();
  });

  it('a generated app asks before its first start, and "always" remembers', async () => {
    const h = await desktop();
    void h.ctl.launchGenerated(form);
    await h.until('Start the generated app “Form”?');
    h.type('a');
    await h.until('╭ Form');
    void h.ctl.launchGenerated(form);
    await h.until(() => Object.keys(h.rt.getSnapshot().apps).length === 2);
    expect(h.ctl.ui.overlay).toBeNull();
  });

  it('shows notifications as toasts and app dialogs as prompts', async () => {
    const notifier = app('notifier', [c('button', 'n', { text: 'N' }, { on_event: { click: [{ tool: 'system.notify', args: { title: 'Hello', message: 'from the app' } }] } }), c('button', 'q', { text: 'Q' }, { on_event: { click: [{ tool: 'system.confirm', args: { message: 'Sure?', key: 'answer' } }] } })]);
    const h = await desktop([notifier]);
    const id = await h.rt.launchApp('notifier');
    await h.rt.dispatchEvent(id, { component: 'n', event: 'click' });
    await h.until('from the app');
    void h.rt.dispatchEvent(id, { component: 'q', event: 'click' });
    await h.until('Sure?');
    h.type('y');
    await h.until(() => h.rt.getSnapshot().apps[id]!.state.answer === true);
  });

  it('keeps minimized windows out of the drawing', async () => {
    const h = await desktop([form]);
    const id = await h.rt.launchApp('form');
    h.rt.windows.minimize(id);
    await h.until(() => !h.screen().includes('Your name'));
    expect(h.ctl.visibleWindows(h.rt.getSnapshot())).toEqual([]);
  });

  it('F2 opens the chat panel; Enter sends the line to the chat agent', async () => {
    const sent: string[] = [];
    const h = await desktop([], { chat: async (m) => void sent.push(m) });
    h.type('\x1bOQ');
    await h.until('Chat');
    h.type('open notes\r');
    await h.until(() => sent.length === 1);
    expect(sent).toEqual(['open notes']);
    h.ctl.rt.addChatMessage({ role: 'assistant', content: 'Opened notes.', thoughts: ['matched open_app'] });
    await h.until('Opened notes.');
    expect(h.screen()).toContain('matched open_app');
  });

  it('Ctrl+Q quits', async () => {
    const h = await desktop();
    h.type('\x11');
    expect(h.quitCalled()).toBe(true);
  });

  it('a modal opens over the window and Escape closes it; tabs switch with arrows', async () => {
    const ui = app('panes', [
      c('button', 'open', { text: 'Open' }, { on_event: { click: [{ tool: 'modal.open', args: { modal_id: 'm' } }] } }),
      c('modal', 'm', { title: 'Dialog' }, { children: [c('text', 'inside', { content: 'inside the modal' })] }),
      c('tabs', 'tb', {}, { children: [c('container', 'one', { label: 'One' }, { children: [c('text', 'x', { content: 'first pane' })] }), c('container', 'two', { label: 'Two' }, { children: [c('text', 'y', { content: 'second pane' })] })] }),
    ]);
    const h = await desktop([ui]);
    const id = await h.rt.launchApp('panes');
    h.type('\t\r');
    await h.until('inside the modal');
    h.type('\x1b');
    h.type('\x1b[A'); // a following key flushes the lone Escape
    await h.until(() => h.rt.getSnapshot().apps[id]!.state.m === false);
    h.ctl.setView(id, { focus: 'tb' });
    h.type('\x1b[C');
    await h.until('second pane');
  });

  it('wheel scrolls a long list without drawing what is off screen', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => `item ${i}`);
    const h = await desktop([app('long', [c('list', 'l', { items })])]);
    const id = await h.rt.launchApp('long');
    await h.until('item 0');
    const at = find(h.screen(), 'item 1');
    for (let i = 0; i < 5; i++) h.type(`\x1b[<65;${at.x + 1};${at.y + 1}M`);
    await h.until('item 15');
    expect(h.ctl.view(id).scroll.l).toBe(15);
    expect(h.screen()).not.toContain('item 0\n');
  });
});
