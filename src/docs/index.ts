import { renderBlueprint } from './blueprint.js';
import { renderSyscalls } from './syscalls.js';
import { renderKeys } from './keys.js';

/** Every generated document: its path in the package and how to render it. */
export const DOCS: { file: string; render: () => string | Promise<string> }[] = [
  { file: 'docs/SYSCALLS.md', render: renderSyscalls },
  { file: 'docs/BLUEPRINT.md', render: renderBlueprint },
  { file: 'docs/KEYS.md', render: renderKeys },
];
