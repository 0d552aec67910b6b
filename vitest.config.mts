import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests read a throwaway index built by tests/global-setup.ts, never the one `npm start` serves.
// Set here, in the main process, so the global setup and every worker see the same path.
process.env.SEARCH_INDEX = path.resolve('.cache/test/search-index');

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/api/**/*.test.ts',
      'tests/relevance/**/*.test.ts',
      'tests/deploy/**/*.test.ts',
      'tests/scripts/**/*.test.ts',
      'tests/opensearch/**/*.test.ts',
    ],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
  },
});
