import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendTranscript } from '../../src/runtime/tools/prebuilt/terminal.js';
import { appDesk, click, stateOf, type, errorsOf } from './setup.js';

async function until(check: () => boolean, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('terminal', () => {
  // The app starts the user's shell; a plain POSIX sh keeps the test about the app.
  let shell: string | undefined;
  beforeAll(() => {
    shell = process.env.SHELL;
    process.env.SHELL = '/bin/sh';
  });
  afterAll(() => {
    if (shell === undefined) delete process.env.SHELL;
    else process.env.SHELL = shell;
  });

  it('runs a shell in a pty owned by the app, and keeps a text transcript', async () => {
    const { runtime: rt, kernel } = await appDesk();
    const id = await rt.launchApp('terminal');
    const app = rt.getSnapshot().apps[id]!;
    // The marker views draw a terminal pane from.
    expect(app.blueprint.ui.components[0]).toMatchObject({ type: 'container', id: 'terminal', props: { role: 'terminal' } });
    const pty = stateOf(rt, id).pty as number;
    expect(pty).toBeGreaterThan(0);
    expect(kernel.procs.get(pty)).toMatchObject({ kind: 'pty', ppid: app.pid });

    await type(rt, id, 'command', 'echo hello-$((6*7))');
    await click(rt, id, 'send');
    expect(stateOf(rt, id).command).toBe('');
    await until(() => String(stateOf(rt, id).screen).includes('hello-42'), 'the command output');

    await rt.close(id);
    expect(kernel.procs.get(pty)?.state ?? 'gone').not.toBe('running');
  });

  it('restarts the shell after it exits', async () => {
    const { runtime: rt } = await appDesk();
    const id = await rt.launchApp('terminal');
    await type(rt, id, 'command', 'exit');
    await click(rt, id, 'send');
    await until(() => stateOf(rt, id).pty === 0, 'the shell to exit');
    await click(rt, id, 'restart');
    expect(stateOf(rt, id).pty).toBeGreaterThan(0);
    expect(errorsOf(rt, id)).toEqual([]);
  });

  it('turns terminal output into plain lines', () => {
    expect(appendTranscript('', 'a\r\nb\x1b[31mc\x1b[0m\r\n')).toBe('a\nbc\n');
    expect(appendTranscript('x', 'yz\rQ\n12\b3')).toBe('Q\n13');
    expect(appendTranscript('', Array.from({ length: 500 }, (_, i) => `l${i}\n`).join(''), 10).split('\n')).toHaveLength(10);
  });
});
