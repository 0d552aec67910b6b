import path from 'node:path';
import { readArtifact } from './lib/index/artifact';
import { search } from './lib/serve/search';
const index = readArtifact(path.resolve('.cache/bench/poetry.bin'));
const qs = ['(一 OR 月 OR 人 OR 日)', '(风 OR 水 OR 不 OR 月)', '(自 OR 无 OR 不)'];
for (let i = 0; i < 30; i++) for (const q of qs) search(index, q, { limit: 10, offset: 0 });
const t = performance.now();
for (let i = 0; i < 60; i++) for (const q of qs) search(index, q, { limit: 10, offset: 0 });
console.log('per query', ((performance.now() - t) / 180).toFixed(2));
