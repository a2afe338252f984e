import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: e2e tests drive real processes, terminals and browsers.
    maxWorkers: 2,
    env: { AGENTOS_TEST: '1' },
  },
});
