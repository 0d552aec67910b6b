/**
 * The OpenSearch backend against the embedded engine, on a real 3-node cluster (3 shards, one
 * replica each): the same content folder — the seed report and a made-up collection of dated
 * reports of three places, two kinds, six years, with sections — built into an embedded index in
 * this process and sent to the cluster by the backend's indexer. Every search of the relevance set
 * and of made-up probes, with filters, orders and pages, must give the same answer on both: total,
 * facets, partial flag, and each hit with its marks and its score. And the sync: an unchanged
 * folder sends nothing, a changed file is replaced, a removed one deleted, a dictionary change
 * builds new indexes and moves the aliases — each searchable as soon as the sync returns.
 *
 * Not yet on the cluster, so not compared here: terms expanded by pinyin or synonyms (the queries
 * whose embedded answer has expansions are counted and left out), distinctive terms and key terms.
 *
 * Needs Java 17 and Maven (with Maven Central, the first time): without them it fails, never skips.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParamError } from '@/lib/api/errors';
import { searchRequest, type SearchRequest } from '@/lib/api/search';
import { searcherOf } from '@/lib/backend/embedded/searcher';
import { loadCatalogue } from '@/lib/backend/opensearch/catalogue';
import { IndexNames } from '@/lib/backend/opensearch/connection';
import { syncContent, type Layout } from '@/lib/backend/opensearch/indexer';
import { ClusterSearcher } from '@/lib/backend/opensearch/searcher';
import type { SearchAnswer, Searcher } from '@/lib/backend/types';
import { readContent } from '@/lib/content/folder';
import { QUERIES } from '@/lib/eval/queries';
import { buildIndex } from '@/lib/indexer/builder';
import { startCluster, type Cluster } from '../../scripts/opensearch/cluster';

const LAYOUT: Layout = { shards: 3, replicas: 1 };

/** A seeded generator (mulberry32): the same collection on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(20261208);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;

const PLACES = [
  { city: '青溪市', region: '四川省青溪市', slug: 'qingxi' },
  { city: '云川市', region: '四川省云川市', slug: 'yunchuan' },
  { city: '白石县', region: '云南省白石县', slug: 'baishi' },
] as const;
const KINDS = [
  { kind: '政协工作报告', body: '政协', slug: 'cppcc' },
  { kind: '政府工作报告', body: '人民政府', slug: 'gov' },
] as const;
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const WORDS = [
  '乡村振兴',
  '高质量发展',
  '政协委员',
  '民主监督',
  '协商议政',
  '生态环境',
  '营商环境',
  '提案办理',
  '基层治理',
  '科技创新',
  '数字经济',
  '城乡融合',
  '文化旅游',
  '民生实事',
  '教育',
  '医疗',
  '养老服务',
  '交通',
  '水利',
  '产业园区',
  '招商引资',
  '就业',
  '社区',
  '河长制',
  '防汛',
];
const LINKS = ['推进', '加强', '围绕', '深化', '聚焦', '完善', '持续', '扎实开展', '认真做好', '统筹'];
const HEADINGS = ['一、过去一年的工作', '二、履职成效', '三、存在的不足', '四、今年的主要任务'];

function sentence(): string {
  const parts = Array.from({ length: 2 + Math.floor(next() * 4) }, () => `${pick(LINKS)}${pick(WORDS)}`);
  if (next() < 0.4) parts.push(`办理提案${Math.floor(next() * 300)}件`);
  if (next() < 0.2) parts.push(`的${pick(WORDS)}工作取得新进展`);
  return parts.join('，') + '。';
}

/** Per series (place and kind), a paragraph carried from year to year with its figures changed: near copies to find. */
const carried = new Map<string, string>();

/** A made-up report in the content folder's Markdown. */
function report(place: (typeof PLACES)[number], kind: (typeof KINDS)[number], year: number): string {
  const series = `${place.slug}-${kind.slug}`;
  if (!carried.has(series)) carried.set(series, `${place.city}${kind.body}${sentence()}${sentence()}`);
  const lines = [
    '---',
    `title: ${place.city}${kind.body}${year}年工作报告`,
    `date: ${year + 1}-0${1 + Math.floor(next() * 3)}-1${Math.floor(next() * 9)}`,
    `source: ${place.city}${kind.body}办公室`,
    `region: ${place.region}`,
    `level: ${place.city.endsWith('县') ? '县' : '市'}`,
    `kind: ${kind.kind}`,
    `year: ${year}`,
    '---',
    '',
    `${place.city}${kind.body}过去一年的工作，${sentence()}`,
    '',
    `${carried.get(series)}全年共办理提案${year - 1700}件。`,
    '',
  ];
  for (const heading of HEADINGS.slice(0, 2 + Math.floor(next() * 3))) {
    lines.push(`## ${heading}`, '');
    for (let p = 0; p < 8 + Math.floor(next() * 9); p++) lines.push(sentence() + (next() < 0.5 ? sentence() : ''), '');
  }
  return lines.join('\n');
}

let dir: string;
let cluster: Cluster;
let client: Client;
const names = new IndexNames('conformance');

/** Both searchers over the folder as it is now. */
async function searchers(): Promise<{ embedded: Searcher; cluster: ClusterSearcher }> {
  const content = readContent(dir);
  const index = buildIndex(content.reports, {
    contentHash: content.contentHash,
    builtAt: new Date('2026-01-01T00:00:00Z'),
    dictionary: content.dictionary,
    synonyms: [],
  });
  return {
    embedded: searcherOf(index),
    cluster: new ClusterSearcher(client, names, await loadCatalogue(client, names)),
  };
}

/** What both must agree on: everything a page and the API show, scores within float rounding. */
function shown(answer: SearchAnswer) {
  return {
    ...answer,
    hits: answer.hits.map((h) => ({ ...h, score: Math.round(h.score * 1e9) / 1e9 })),
  };
}

/** A search's answer, or the code it was refused with. */
async function answerOf(searcher: Searcher, request: SearchRequest): Promise<SearchAnswer | { refused: string }> {
  try {
    return shown(await searcher.search(request));
  } catch (err) {
    if (err instanceof ParamError) return { refused: err.code };
    throw err;
  }
}

/** Every hit of an export, read batch by batch. */
async function everyHit(searcher: Searcher, request: SearchRequest) {
  const stream = await searcher.hits(request);
  const hits = [];
  for await (const batch of stream.batches) hits.push(...batch);
  return { total: stream.total, hits };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'conformance-'));
  copyFileSync('content/ziyang-cppcc-2022.md', path.join(dir, 'ziyang-cppcc-2022.md'));
  copyFileSync('content/dictionary.txt', path.join(dir, 'dictionary.txt'));
  for (const place of PLACES)
    for (const kind of KINDS)
      for (const year of YEARS)
        writeFileSync(path.join(dir, `${place.slug}-${kind.slug}-${year}.md`), report(place, kind, year));
  cluster = await startCluster({ nodes: 3, httpPort: 9241, transportPort: 9341, heapMb: 384 });
  client = new Client({ node: cluster.url });
}, 240_000);

afterAll(async () => {
  await client?.close();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The searches compared: the relevance set, probes of the made-up collection, filters, orders, pages. */
function requests(): SearchRequest[] {
  const out: SearchRequest[] = [];
  for (const { q } of QUERIES) out.push(searchRequest({ q }));
  const probes = [
    '的',
    '政',
    '协',
    '乡',
    '，',
    '。',
    '推进',
    '乡村振兴',
    '高质量发展',
    '政协委员 民主监督',
    '提案办理 营商环境 生态环境',
    '"办理提案"',
    '科技创新 -数字经济',
    '推进乡村',
    '村振',
    '不存在的词',
    '乡村振兴 不存在的词',
    '乡村振兴 不存在的词 生态环境',
    '乡村振兴 OR 营商环境',
    '(民主监督 OR 协商议政) NOT 提案办理',
    'title:青溪 发展',
    'year:2021-2022 创新',
    'section:履职 委员',
    '教育 医疗 养老服务',
    '办理提案84件',
  ];
  for (const q of probes) {
    out.push(searchRequest({ q }));
    out.push(searchRequest({ q, limit: 20, offset: 10 }));
    out.push(searchRequest({ q, sort: 'newest' }));
    out.push(searchRequest({ q, sort: 'oldest', offset: 5 }));
    out.push(searchRequest({ q, region: ['四川省'], kind: ['政协工作报告'] }));
    out.push(searchRequest({ q, from: '2021', to: '2023' }));
    out.push(searchRequest({ q, from: '2022-02', to: '2024-12-31', level: ['县'] }));
    out.push(searchRequest({ q, report: 'qingxi-cppcc-2022' }));
    out.push(searchRequest({ q, section: '二、履职成效', source: ['云川市人民政府办公室'] }));
    out.push(searchRequest({ q, group: 'report' }));
    out.push(searchRequest({ q, group: 'report', sort: 'newest', limit: 5, offset: 5 }));
    out.push(searchRequest({ q, group: 'report', region: ['四川省'], section: '一、过去一年的工作' }));
  }
  return out;
}

describe('the OpenSearch backend answers as the embedded engine does', () => {
  it('sends the folder, then answers every search the same: totals, facets, hits, marks and scores', async () => {
    const sync = await syncContent(client, names, dir, LAYOUT);
    expect(sync.rebuilt).toBe(true);
    expect(sync.problems).toEqual([]);
    expect(sync.sent.length).toBe(1 + PLACES.length * KINDS.length * YEARS.length);
    const { embedded, cluster: clustered } = await searchers();
    expect(clustered.info.reports).toBe(embedded.info.reports);
    expect(clustered.info.paragraphs).toBe(embedded.info.paragraphs);
    let compared = 0;
    let expanded = 0;
    let shortlisted = 0;
    let refused = 0;
    for (const request of requests()) {
      const [want, got] = await Promise.all([answerOf(embedded, request), answerOf(clustered, request)]);
      if ('terms' in want && want.terms.some((t) => t.expansions.length > 0)) {
        expanded++;
        continue;
      }
      expect(got, `${request.q} ${JSON.stringify({ ...request, q: undefined })}`).toEqual(want);
      compared++;
      if ('refused' in want) refused++;
      if ('total' in want && want.total > 1000) shortlisted++;
    }
    console.log(
      `conformance: ${compared} searches the same (${refused} refused alike), ${expanded} left out (expansions), ${shortlisted} past the shortlist`,
    );
    expect(compared).toBeGreaterThan(250);
    expect(shortlisted).toBeGreaterThan(5);

    // Trends: counted on the cluster (one term as typed) or by the highlighter over every match.
    const filters = [
      {},
      { region: ['四川省'] },
      { from: '2021', to: '2023', kind: ['政府工作报告'] },
      { section: '二、履职成效' },
      { report: 'yunchuan-gov-2022' },
    ];
    let trends = 0;
    for (const q of [
      ['乡村振兴'],
      ['的', '，'],
      ['政协委员 民主监督', '"办理提案"'],
      ['乡村振兴 OR 营商环境'],
      ['00', '件'],
    ])
      for (const by of ['year', 'region', 'kind', 'level', 'source', 'report'] as const)
        for (const f of filters) {
          const request = { ...searchRequest({ q: '' }), ...f, q, by };
          expect(await clustered.trend(request), `${q} by ${by} ${JSON.stringify(f)}`).toEqual(
            await embedded.trend(request),
          );
          trends++;
        }
    console.log(`conformance: ${trends} trends the same`);

    // Exports: every hit, in order, with its marks (scores are 0 in an export).
    let exported = 0;
    for (const q of [
      '乡村振兴',
      '的',
      '政协委员 民主监督',
      '乡村振兴 不存在的词 生态环境',
      '乡村振兴 OR 营商环境',
      '不存在的词',
    ])
      for (const sort of ['relevance', 'newest', 'oldest'] as const)
        for (const f of filters.slice(0, 4)) {
          const request = { ...searchRequest({ q }), ...f, sort };
          const [a, b] = [await everyHit(clustered, request), await everyHit(embedded, request)];
          expect(a, `${q} ${sort} ${JSON.stringify(f)}`).toEqual(b);
          exported += a.hits.length;
        }
    console.log(`conformance: ${exported} exported hits the same`);
  }, 600_000);

  it('reports, paragraphs and the catalogue calls answer the same', async () => {
    const { embedded, cluster: clustered } = await searchers();
    for (const id of ['ziyang-cppcc-2022', 'baishi-gov-2024', 'nothing-here']) {
      expect(await clustered.reportInfo(id)).toEqual(await embedded.reportInfo(id));
      const [a, b] = [await clustered.report(id, '乡村振兴 委员'), await embedded.report(id, '乡村振兴 委员')];
      expect(a && { ...a, distinctive: [] }).toEqual(b && { ...b, distinctive: [] });
      expect(await clustered.earlier(id)).toEqual(await embedded.earlier(id));
    }
    const doc = await embedded.report('yunchuan-cppcc-2021');
    for (const p of doc!.paragraphs.slice(0, 5))
      expect(await clustered.paragraph('yunchuan-cppcc-2021', p.id)).toEqual(
        await embedded.paragraph('yunchuan-cppcc-2021', p.id),
      );
    expect(await clustered.paragraph('yunchuan-cppcc-2021', 'p-0000000000')).toBeNull();
    // Similar paragraphs: the same near copies, the same similarities, in the same order.
    let similar = 0;
    for (const id of ['yunchuan-cppcc-2021', 'qingxi-gov-2023', 'ziyang-cppcc-2022'])
      for (const p of (await embedded.report(id))!.paragraphs.slice(0, 8)) {
        const want = await embedded.similar(id, p.id, 10);
        expect(await clustered.similar(id, p.id, 10), `${id} ${p.id}`).toEqual(want);
        similar += want.hits.length;
      }
    console.log(`conformance: ${similar} similar paragraphs the same`);
    expect(similar).toBeGreaterThan(5);
    await expect(clustered.similar('yunchuan-cppcc-2021', 'p-0000000000', 10)).rejects.toThrow(/no paragraph/);
    await expect(clustered.similar('nothing-here', 'p-0000000000', 10)).rejects.toThrow(/no report/);
    for (const order of ['newest', 'content'] as const)
      expect(await clustered.reports(order, 3, 10)).toEqual(await embedded.reports(order, 3, 10));
    expect(await clustered.reportsTitled('青溪市政協', 20)).toEqual(await embedded.reportsTitled('青溪市政協', 20));
  }, 120_000);

  it('sends only what changed, and a change is searchable when the sync returns', async () => {
    const again = await syncContent(client, names, dir, LAYOUT);
    expect(again).toMatchObject({ rebuilt: false, sent: [], removed: [], paragraphs: 0 });

    const changed = path.join(dir, 'qingxi-gov-2020.md');
    writeFileSync(changed, report(PLACES[0], KINDS[1], 2020) + '\n\n青溪市独有的一句话：鹭鸶湾湿地公园建成开放。\n');
    unlinkSync(path.join(dir, 'baishi-cppcc-2019.md'));
    const started = performance.now();
    const outcome = await syncContent(client, names, dir, LAYOUT);
    const ms = performance.now() - started;
    expect(outcome).toMatchObject({ rebuilt: false, sent: ['qingxi-gov-2020.md'], removed: ['baishi-cppcc-2019.md'] });
    console.log(`conformance: one file changed and one removed, searchable after ${ms.toFixed(0)} ms`);
    const { embedded, cluster: clustered } = await searchers();
    for (const q of ['鹭鸶湾湿地公园', '乡村振兴', '的', '政协委员 民主监督']) {
      const request = searchRequest({ q });
      expect(shown(await clustered.search(request))).toEqual(shown(await embedded.search(request)));
    }
    expect((await clustered.search(searchRequest({ q: '鹭鸶湾' }))).total).toBe(1);
    expect(await clustered.reportInfo('baishi-cppcc-2019')).toBeNull();
  }, 120_000);

  it('a dictionary change fills new indexes beside the old and moves the aliases at once', async () => {
    const before = (await client.cat.aliases({ name: 'conformance-*', format: 'json' })).body as { index: string }[];
    writeFileSync(path.join(dir, 'dictionary.txt'), '鹭鸶湾 5 ns\n乡村振兴 5 n\n');
    const outcome = await syncContent(client, names, dir, LAYOUT);
    expect(outcome.rebuilt).toBe(true);
    const after = (await client.cat.aliases({ name: 'conformance-*', format: 'json' })).body as {
      alias: string;
      index: string;
    }[];
    expect(after).toHaveLength(3);
    for (const a of after) expect(before.map((b) => b.index)).not.toContain(a.index);
    const indexes = Object.keys((await client.indices.get({ index: 'conformance-*' })).body);
    expect(indexes.sort()).toEqual(after.map((a) => a.index).sort());
    const { embedded, cluster: clustered } = await searchers();
    const request = searchRequest({ q: '鹭鸶湾' });
    expect(shown(await clustered.search(request))).toEqual(shown(await embedded.search(request)));
  }, 240_000);
});
