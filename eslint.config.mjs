import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * The engine's stages and what each may import (lib/README.md). A stage that imports one it may
 * not, type-only imports included, fails `npm run lint`.
 */
const STAGES = {
  util: [],
  content: ['util'],
  text: [],
  index: ['text', 'util'],
  query: ['index', 'text', 'util'],
  compare: ['index', 'text', 'util'],
  indexer: ['content', 'text', 'index', 'query', 'compare', 'util'],
  serve: ['query', 'compare', 'index', 'text', 'content', 'util'],
  eval: ['content', 'text', 'index', 'query', 'compare', 'indexer', 'serve', 'util'],
};

const layering = Object.entries(STAGES).map(([stage, allowed]) => {
  const forbidden = Object.keys(STAGES).filter((other) => other !== stage && !allowed.includes(other));
  const outside = ['app', 'scripts', 'tests'];
  return {
    files: [`lib/${stage}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...forbidden.flatMap((f) => [`../${f}/*`, `@/lib/${f}/*`]), ...outside.map((o) => `@/${o}/*`)],
              message: `lib/${stage} may import only ${allowed.length ? allowed.map((a) => `lib/${a}`).join(', ') : 'nothing else in lib'} (see lib/README.md).`,
            },
          ],
        },
      ],
    },
  };
});

const config = [
  ...nextVitals,
  ...nextTs,
  {
    files: ['lib/**/*.ts', 'app/**/*.ts', 'app/**/*.tsx'],
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  ...layering,
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
