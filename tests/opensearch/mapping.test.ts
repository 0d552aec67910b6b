/**
 * The OpenSearch mapping on a real 3-node cluster (the launcher of opensearch/, one JVM per node):
 * a literal query finds exactly the paragraphs a literal scan does, on 3 shards with a replica
 * each, for every length of text from one character up, with punctuation, spaces, digits, letters
 * and characters outside the BMP; the occurrence score summed per year is the number of
 * occurrences; and a node killed with SIGKILL loses no hit and rejoins when restarted.
 *
 * Needs Java 17 and Maven (with Maven Central, the first time): without them it fails, never skips.
 */
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  literalQuery,
  PARAGRAPH_MAPPINGS,
  PARAGRAPH_SETTINGS,
  tokensPerOccurrence,
} from '../../lib/backend/opensearch/mapping';
import { normalize } from '../../lib/text/normalize';
import { startCluster, type Cluster } from '../../scripts/opensearch/cluster';

/** A small alphabet, so that texts share many substrings, with what breaks naive tokenizers. */
const ALPHABET = Array.from('政协委员会议提案建设发展，。、；：“”（）—— 0123456789abAB𠀋𪚥');
const INDEX = 'mapping-test';

/** A seeded generator (mulberry32): the same collection on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(20261207);
const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
const paragraphs = Array.from({ length: 400 }, (_, id) => {
  const norm = normalize(Array.from({ length: 5 + Math.floor(next() * 60) }, () => pick(ALPHABET)).join(''));
  return { id: String(id), norm, year: 2018 + (id % 5) };
});

/** Substrings of the collection, 1–12 characters, and texts that occur nowhere. */
const probes = (() => {
  const out = new Set<string>();
  while (out.size < 300) {
    const chars = Array.from(pick(paragraphs).norm);
    const length = 1 + Math.floor(next() * Math.min(12, chars.length));
    const start = Math.floor(next() * (chars.length - length + 1));
    out.add(chars.slice(start, start + length).join(''));
  }
  for (const absent of ['党', '政协政协政协政协', '𠀋𠀋𠀋', '  ', '，，，'])
    if (!paragraphs.some((p) => p.norm.includes(absent))) out.add(absent);
  return [...out].filter((t) => t.trim() !== '' || t.length > 1);
})();

const scan = (text: string) => paragraphs.filter((p) => p.norm.includes(text)).map((p) => p.id);

/** Occurrences of `text` in `norm`, overlapping ones too (a phrase query counts those). */
function overlapping(norm: string, text: string): number {
  let n = 0;
  for (let at = norm.indexOf(text); at >= 0; at = norm.indexOf(text, at + 1)) n++;
  return n;
}

let cluster: Cluster;
let client: Client;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, httpPort: 9231, transportPort: 9331, heapMb: 384 });
  client = new Client({ node: cluster.url });
  await client.indices.create({
    index: INDEX,
    body: {
      settings: { number_of_shards: 3, number_of_replicas: 1, ...PARAGRAPH_SETTINGS },
      mappings: PARAGRAPH_MAPPINGS,
    },
  });
  const body = paragraphs.flatMap(({ id, norm, year }) => [{ index: { _index: INDEX, _id: id } }, { norm, year }]);
  const bulk = await client.bulk({ body, refresh: 'wait_for' });
  expect(bulk.body.errors).toBe(false);
  await cluster.waitFor('green');
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

/** Every paragraph id a literal query finds, checking that no shard failed. */
async function found(text: string): Promise<string[]> {
  const res = await client.search({
    index: INDEX,
    allow_partial_search_results: false,
    body: { query: literalQuery(text), size: paragraphs.length, _source: false, track_total_hits: true },
  });
  expect(res.body._shards.failed).toBe(0);
  return res.body.hits.hits.map((h) => h._id!).sort((a, b) => Number(a) - Number(b));
}

describe('the OpenSearch mapping', () => {
  it('cuts text into characters and pairs whose positions are the characters’ indexes', async () => {
    const text = '政协，𠀋 a1';
    for (const [analyzer, size] of [
      ['chars', 1],
      ['pairs', 2],
    ] as const) {
      const res = await client.indices.analyze({ index: INDEX, body: { analyzer, text } });
      const chars = Array.from(text);
      const expected = chars.slice(0, chars.length - size + 1).map((_, i) => ({
        token: chars.slice(i, i + size).join(''),
        position: i,
      }));
      expect(res.body.tokens!.map((t) => ({ token: t.token, position: t.position }))).toEqual(expected);
    }
  });

  it('finds exactly what a literal scan finds, on 3 shards, for every length of text', async () => {
    let compared = 0;
    for (const text of probes) {
      expect(await found(text), JSON.stringify(text)).toEqual(scan(text));
      compared++;
    }
    expect(compared).toBeGreaterThan(290);
  }, 120_000);

  it('counts occurrences per year exactly from the occurrence score', async () => {
    for (const text of probes.slice(0, 60)) {
      // The client's types have no terms aggregation with a field; the cluster does.
      const res = await client.transport.request({
        method: 'POST',
        path: `/${INDEX}/_search`,
        body: {
          size: 0,
          query: literalQuery(text),
          aggs: {
            years: {
              terms: { field: 'year', size: 100 },
              aggs: { occurrences: { sum: { script: { source: '_score' } } } },
            },
          },
        },
      });
      const buckets = (
        res.body.aggregations as { years: { buckets: { key: number; occurrences: { value: number } }[] } }
      ).years.buckets;
      const counted = Object.fromEntries(
        buckets.map((b) => [b.key, Math.round(b.occurrences.value / tokensPerOccurrence(text))]),
      );
      const expected: Record<number, number> = {};
      for (const p of paragraphs) {
        const n = overlapping(p.norm, text);
        if (n > 0) expected[p.year] = (expected[p.year] ?? 0) + n;
      }
      expect(counted, JSON.stringify(text)).toEqual(expected);
    }
  }, 60_000);

  it('loses no hit when a node is killed, and takes the node back when it restarts', async () => {
    const texts = probes.slice(0, 40);
    cluster.kill(2, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 1000));
    await cluster.waitFor('yellow');
    // Every shard still has a copy: the same answers, none partial.
    for (const text of texts) expect(await found(text), JSON.stringify(text)).toEqual(scan(text));
    cluster.restart(2);
    await cluster.waitFor('green', 120_000);
    const nodes = await client.cat.nodes({ format: 'json' });
    expect(nodes.body).toHaveLength(3);
    for (const text of texts) expect(await found(text), JSON.stringify(text)).toEqual(scan(text));
  }, 240_000);
});
