import path from 'node:path';
import { measureAppLaunch, measureSessions } from '../../src/runtime/registry/bench.js';
import type { Suite } from '../harness.js';

/** app_launch_ms (shipped and saved app), session_save_ms and session_restore_ms with 10 apps. */
export const appsRegistry: Suite = {
  name: 'app_launch_ms',
  issue: 5,
  async run() {
    const appsDir = path.resolve('apps');
    const launch = await measureAppLaunch({ appsDir, iterations: 200 });
    const sessions = await measureSessions({ appsDir, apps: 10, iterations: 30 });
    return { shipped: launch.shipped, saved: launch.saved, goal: launch.goal, session_save_ms: sessions.session_save_ms, session_restore_ms: sessions.session_restore_ms, session_apps: sessions.apps };
  },
};
