import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../../src/blueprint/types.js';
import { AGENT_MARK, agentWindows, markAgentWindow } from '../../../src/mcp/agent-windows.js';
import { windowFrame } from '../../../src/tui/desktop/window-frame.js';
import { plain } from '../../../src/tui/render/style.js';
import { THEMES } from '../../../src/tui/render/theme.js';
import { desktop } from './harness.js';

const app = (id: string, name: string): Blueprint => ({
  app: { id, name, permissions: ['MINIMAL'] },
  services: [],
  ui: { title: name, layout: 'vertical', components: [{ type: 'text', id: 'hello', props: { content: `in ${name}` } }], lifecycle: {} },
});

const titleLine = (screen: string, title: string) => screen.split('\n').find((l) => l.includes(`╭ ${title} `)) ?? '';

describe('windows an agent opened or drove', () => {
  it('carry [agent] in their title bar, drawn as soon as the agent marks them; the others do not', async () => {
    const h = await desktop([app('alpha', 'Alpha'), app('beta', 'Beta')]);
    await h.rt.launchApp('alpha');
    await h.rt.launchApp('beta');
    await h.until(() => titleLine(h.screen(), 'Alpha') !== '' && titleLine(h.screen(), 'Beta') !== '');
    expect(h.screen()).not.toContain(AGENT_MARK);

    // Marking changes nothing in the store: the desktop redraws from the mark alone.
    markAgentWindow(h.rt, 'alpha');
    await h.until(() => titleLine(h.screen(), 'Alpha').includes(AGENT_MARK));
    expect(titleLine(h.screen(), 'Alpha')).toMatch(/╭ Alpha \[agent\] .*− □ ✕ ╮/);
    expect(titleLine(h.screen(), 'Beta')).not.toContain(AGENT_MARK);

    // Closed and opened again by the user, it is no longer the agent's.
    await h.rt.close('alpha');
    expect(agentWindows(h.rt).has('alpha')).toBe(false);
    await h.rt.launchApp('alpha');
    await h.until(() => titleLine(h.screen(), 'Alpha') !== '');
    expect(h.screen()).not.toContain(AGENT_MARK);
  });

  it('keeps the mark when a long title is cut, and shows it without colour', () => {
    const frame = (agent: boolean, width: number) => plain(windowFrame(['x'.repeat(width - 2)], { width, height: 3, title: 'A very long window title indeed', focused: true, theme: THEMES.mono, agent })[0]!);
    const marked = frame(true, 40);
    expect(marked).toContain(AGENT_MARK);
    expect([...marked].length).toBe(40);
    expect(frame(false, 40)).not.toContain(AGENT_MARK);
    // Too narrow for the mark and a readable title: the title wins.
    expect(frame(true, 20)).not.toContain(AGENT_MARK);
  });
});
