import path from 'node:path';

/** Tests read a throwaway index built by tests/global-setup.ts, never the one `npm start` serves. */
export const TEST_INDEX = path.resolve('.cache/test/search-index.json');
