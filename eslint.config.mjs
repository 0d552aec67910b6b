import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * The stages of lib/ and what each may import (lib/README.md). A stage that imports one it may
 * not, type-only imports included, fails `npm run lint`. The engine's stages come first; `api` is
 * the wire, which the engine's query language honours; `backend` is the seam and its
 * implementations; `results` and `server` stand above the seam and reach the engine only through it.
 */
const STAGES = {
  util: [],
  text: [],
  content: ['util'],
  api: ['content', 'util'],
  index: ['text', 'util'],
  query: ['api', 'content', 'index', 'text', 'util'],
  compare: ['index', 'text', 'util'],
  indexer: ['content', 'text', 'index', 'query', 'compare', 'util'],
  backend: ['api', 'content', 'text', 'index', 'query', 'compare', 'indexer', 'util'],
  results: ['api', 'backend', 'compare', 'content', 'text', 'util'],
  server: ['api', 'backend', 'results', 'content', 'util'],
  eval: ['api', 'content', 'text', 'index', 'query', 'compare', 'indexer', 'backend', 'results', 'util'],
};

/** Above the seam, only its interface: not a backend's own folder (each backend is listed here). */
const SEAM = ['backend/embedded', 'backend/opensearch'];
const ABOVE_SEAM = ['results', 'server'];

/** Import patterns for lib/<name>/…, relative (from a file one folder down) and by alias. */
const patternsOf = (names) => names.flatMap((f) => [`../${f}/*`, `@/lib/${f}/*`]);

const layering = Object.entries(STAGES).map(([stage, allowed]) => {
  const forbidden = Object.keys(STAGES).filter((other) => other !== stage && !allowed.includes(other));
  const outside = ['app', 'scripts', 'tests'];
  const seam = ABOVE_SEAM.includes(stage) ? patternsOf(SEAM) : [];
  return {
    files: [`lib/${stage}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...patternsOf(forbidden), ...seam, ...outside.map((o) => `@/${o}/*`)],
              message: `lib/${stage} may import only ${allowed.length ? allowed.map((a) => `lib/${a}`).join(', ') : 'nothing else in lib'}${seam.length ? ', and of lib/backend only the seam (its top-level files)' : ''} (see lib/README.md).`,
            },
          ],
        },
      ],
    },
  };
});

/** The app stands above the seam too: it reaches the engine through lib/server, lib/results and lib/api. */
const appLayering = {
  files: ['app/**/*.ts', 'app/**/*.tsx'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [
              '@/lib/index/*',
              '@/lib/query/*',
              '@/lib/indexer/*',
              '@/lib/compare/*',
              '@/lib/eval/*',
              ...SEAM.map((b) => `@/lib/${b}/*`),
            ],
            message:
              'app/ reaches the engine only through the seam: lib/server, lib/results, lib/api and lib/backend/types (see lib/README.md).',
          },
        ],
      },
    ],
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    files: ['lib/**/*.ts', 'app/**/*.ts', 'app/**/*.tsx'],
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  ...layering,
  appLayering,
  // next.config.js is CommonJS, as Next.js loads it.
  { files: ['next.config.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.index/**',
      '.cache/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
];

export default config;
