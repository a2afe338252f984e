import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where AgentOS keeps things. Tests always set AGENTOS_HOME (and AGENTOS_CONFIG_DIR). */
export interface Places {
  /** Mounted at /home: saved apps, sessions, storage. */
  data: string;
  config: string;
  /** The control socket and pid file of a live kernel. */
  runtime: string;
  /** The shipped apps, mounted read-only at /apps ($AGENTOS_APPS_DIR, default the package's apps/). */
  apps: string;
  /** The package root (for docs/ and dist/web/). */
  packageRoot: string;
}

export function places(env: NodeJS.ProcessEnv = process.env): Places {
  const home = os.homedir();
  const data = env.AGENTOS_HOME || path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'agentos');
  const config = env.AGENTOS_CONFIG_DIR || (env.AGENTOS_HOME ? path.join(data, '.config') : path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'agentos'));
  const runtime = env.AGENTOS_RUNTIME_DIR || (env.AGENTOS_HOME ? path.join(data, '.run') : env.XDG_RUNTIME_DIR ? path.join(env.XDG_RUNTIME_DIR, 'agentos') : path.join(data, '.run'));
  const packageRoot = findPackageRoot();
  // AGENTOS_APPS_DIR points /apps at another folder of shipped apps (a distribution's, a test's).
  const apps = env.AGENTOS_APPS_DIR ? path.resolve(env.AGENTOS_APPS_DIR) : path.join(packageRoot, 'apps');
  return { data: path.resolve(data), config: path.resolve(config), runtime: path.resolve(runtime), apps, packageRoot };
}

let root: string | undefined;

/** The folder holding our package.json, found upward from this file (src/ or dist/). */
export function findPackageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'bin', 'agentos.js'))) return (root = dir);
    dir = path.dirname(dir);
  }
  return (root = process.cwd());
}
