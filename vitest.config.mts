import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { TEST_INDEX } from './tests/test-index';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts', 'tests/relevance/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    env: { SEARCH_INDEX: TEST_INDEX },
    testTimeout: 30_000,
  },
});
