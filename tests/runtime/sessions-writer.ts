/**
 * A child process for the crash test (sessions-crash.test.ts): it saves sessions in a loop
 * through the session store (syscalls on a real kernel, atomic writes on /home), printing
 * `<name> <counter>` after each save completed. The test kills it with SIGKILL at random
 * moments. Usage: node writer.mjs HOME START
 */
import { Kernel } from '../../src/kernel/kernel.js';
import { kernelSyscaller } from '../../src/runtime/registry/open.js';
import { SESSION_FORMAT, SESSION_VERSION, type Session } from '../../src/runtime/sessions/format.js';
import { SessionStore } from '../../src/runtime/sessions/store.js';

const [home, startText] = process.argv.slice(2);
const kernel = new Kernel({ home: home! });
const store = new SessionStore(kernelSyscaller(kernel, kernel.userPid));
// A session of some size, so that a kill often lands in the middle of a write.
const ballast = 'x'.repeat(32 * 1024);
const window = { rect: { x: 0.1, y: 0.1, w: 0.5, h: 0.5 }, mode: 'normal' as const, zone: null, tiled: null, minimized: false };
const session = (name: string, counter: number): Session => ({
  format: SESSION_FORMAT,
  version: SESSION_VERSION,
  name,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: new Date().toISOString(),
  workspace: {
    apps: [{ id: 'counter', app_id: 'counter', title: 'Counter', parent: null, blueprint: { app: { id: 'counter', name: 'Counter' }, ui: { components: [] } }, state: { counter, ballast }, window }],
    stack: ['counter'],
    focused: 'counter',
    chat: [],
    clipboard: '',
  },
});
process.stdout.write('ready\n');
for (let i = Number(startText); ; i++) {
  const name = `s${i % 3}`;
  await store.write(session(name, i));
  process.stdout.write(`${name} ${i}\n`);
}
