import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseBlueprint } from '../../src/blueprint/parse.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { createRuntime } from '../../src/runtime/index.js';
import { stats, timeAsync, type Suite } from '../harness.js';

/**
 * tool_exec_us: from an event to the new state, in-process, for the calculator's two hot
 * tools: ui.append (a digit click) and ui.compute (=). Each sample is one dispatchEvent.
 */
export const toolExec: Suite = {
  name: 'tool_exec_us',
  issue: 4,
  async run() {
    const home = mkdtempSync(path.join(os.tmpdir(), 'agentos-bench-'));
    try {
      const kernel = new Kernel({ home });
      const rt = createRuntime({ kernel, headless: true });
      const file = path.resolve('tests/runtime/fixtures/calculator.bp');
      const id = await rt.launch(parseBlueprint(readFileSync(file, 'utf8'), file));
      const send = (component: string) => rt.dispatchEvent(id, { component, event: 'click' });
      // Keep the display short so every sample does the same work: clear every 8 digits.
      let n = 0;
      const append = stats(
        await timeAsync(50_000, async () => {
          if (++n % 8 === 0) await send('btn-clear');
          await send('btn-7');
        }, 5_000),
      );
      // Each compute sample starts from a fresh expression (set untimed), then times the "=".
      const samples: number[] = [];
      for (let i = 0; i < 55_000; i++) {
        await rt.dispatchEvent(id, { component: 'display', event: 'change', value: `${i % 97}×3+4` });
        const t = performance.now();
        await send('btn-eq');
        if (i >= 5_000) samples.push((performance.now() - t) * 1000);
      }
      const compute = stats(samples);
      await rt.dispatchEvent(id, { component: 'display', event: 'change', value: '12×3+4' });
      await send('btn-eq');
      const state = rt.getSnapshot().apps[id]!.state.display;
      if (state !== '40') throw new Error(`compute gave ${String(state)}, not 40`);
      await rt.shutdown();
      await kernel.shutdown();
      return { ui_append: append, ui_compute: compute, goal: 'p99 <= 500 us' };
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
};
