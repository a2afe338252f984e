import { Kernel } from '../kernel/kernel.js';
import { readSettings } from '../config/config.js';
import { places } from '../config/paths.js';

/** A kernel in this process, on the user's data dir (private to a command, or the one `serve` runs). */
export function bootKernel(): Kernel {
  const p = places();
  const settings = readSettings(p.config);
  return new Kernel({ home: p.data, appsDir: p.apps, userProfile: settings['sandbox.userProfile'] as never });
}
