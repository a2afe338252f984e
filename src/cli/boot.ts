import { Kernel } from '../kernel/kernel.js';
import { readSettings } from '../config/config.js';
import { places } from '../config/paths.js';

/** A private kernel for this command, on the user's data dir. */
export function bootKernel(): Kernel {
  const p = places();
  const settings = readSettings(p.config);
  return new Kernel({ home: p.data, appsDir: p.apps, userProfile: settings['sandbox.userProfile'] as never });
}
