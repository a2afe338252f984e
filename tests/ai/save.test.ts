import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { templateApp } from '../../src/ai/templates/index.js';
import { saveApp } from '../../src/cli/commands/gen.js';
import { tempDir, testKernel } from '../helpers/kernel.js';

describe('saving a generated app', () => {
  it('registers it under /home/apps/generated, replacing an earlier generated app, never hiding a shipped one', async () => {
    const shipped = tempDir();
    mkdirSync(path.join(shipped, 'utilities'));
    const calc = templateApp('a calculator').blueprint;
    writeFileSync(path.join(shipped, 'utilities', 'calculator.bp'), JSON.stringify({ ...calc, app: { ...calc.app, name: 'Shipped Calculator' } }));
    const kernel = testKernel({ appsDir: shipped });
    const io = { syscall: <R>(name: string, args?: Record<string, unknown>) => kernel.syscall<R>(kernel.userPid, name, args ?? {}) };
    expect(await saveApp(io, calc)).toBe('/home/apps/generated/calculator-2.bp');
    expect(await saveApp(io, templateApp('a stopwatch').blueprint)).toBe('/home/apps/generated/stopwatch.bp');
    expect(await saveApp(io, templateApp('a stopwatch with laps').blueprint)).toBe('/home/apps/generated/stopwatch.bp');
    const saved = JSON.parse(await io.syscall<string>('fs.read', { path: '/home/apps/generated/calculator-2.bp' }));
    expect(saved.app.id).toBe('calculator-2');
  });
});
