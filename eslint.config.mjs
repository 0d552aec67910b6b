import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', '.index/**', '.cache/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
];
