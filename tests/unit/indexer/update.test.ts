import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashContent, listContentFiles } from '@/lib/content/folder';
import type { ReportSource } from '@/lib/content/types';
import { literalScan } from '@/lib/eval/literal-scan';
import { loadIndex } from '@/lib/index/load';
import type { SearchIndex } from '@/lib/index/model';
import { Scratch } from '@/lib/index/postings';
import { readManifest } from '@/lib/index/segments';
import { buildIndex } from '@/lib/indexer/builder';
import { MERGE_FACTOR } from '@/lib/indexer/merges';
import { planUpdate } from '@/lib/indexer/plan';
import { updateIndex, type UpdateOptions } from '@/lib/indexer/update';
import { rankLive } from '@/lib/query/execute';
import { parseQuery } from '@/lib/query/parse';
import { normalize } from '@/lib/text/normalize';
import { asJsonLines, seededArchive, WORDINGS } from '@/tests/fixtures/archive';
import { teaCollection } from '@/tests/fixtures/tea-collection';

/** A content folder and an index folder beside it; `write` puts reports in a file, `remove` takes one away. */
function workspace() {
  const root = mkdtempSync(path.join(tmpdir(), 'update-'));
  const content = path.join(root, 'content');
  const index = path.join(root, 'index');
  mkdirSync(content);
  const files = new Map<string, ReportSource[]>();
  return {
    content,
    index,
    write(name: string, reports: ReportSource[]) {
      files.set(name, reports);
      writeFileSync(path.join(content, name), asJsonLines(reports));
    },
    remove(name: string) {
      files.delete(name);
      rmSync(path.join(content, name));
    },
    /** Every report the content holds now, by id. */
    reports: () => new Map([...files.values()].flat().map((r) => [r.id, r])),
  };
}

const QUERIES = [...WORDINGS.map((w) => w.text), '工作', '政协', '县政府 完成', '茶', '任务 -乡村', 'zx'];
const small: UpdateOptions = { bufferBytes: 20_000, storedAnswerMinMatches: Infinity };

function answers(index: SearchIndex) {
  const scratch = new Scratch();
  return QUERIES.map((q) => {
    const r = rankLive(index, parseQuery(q), undefined, 100, scratch);
    return { q, total: r.total, ranked: r.ranked.map((h) => [h.id, Number(h.score.toFixed(9))]) };
  });
}

/**
 * The index in the folder holds exactly the content's reports, finds what a scan finds, and ranks
 * as one build of the same reports in the same order.
 */
function expectCurrent(ws: ReturnType<typeof workspace>): SearchIndex {
  // Loaded as the server loads it: refused unless its content hash is the content folder's.
  const index = loadIndex(ws.index, { contentHash: hashContent(listContentFiles(ws.content)) });
  const content = ws.reports();
  const ids = index.reports.ids.all();
  expect([...ids].sort()).toEqual([...content.keys()].sort());
  const single = buildIndex(
    ids.map((id) => content.get(id)!),
    { contentHash: 'x', storedAnswerMinMatches: Infinity },
  );
  expect(answers(index)).toEqual(answers(single));
  const norms = [...content.values()].flatMap((r) => r.paragraphs.map((p) => normalize(p.text)));
  for (const q of ['工作', '乡村振兴', '茶'])
    expect(rankLive(index, parseQuery(q), undefined, 10, new Scratch()).total).toBe(literalScan(norms, q).length);
  expect(planUpdate(ws.index, ws.content).reason).toBeNull();
  return index;
}

describe('updating an index folder', () => {
  it('follows files added, changed and removed, and stays what one build of the same reports makes', async () => {
    const ws = workspace();
    ws.write('a.jsonl', seededArchive(1));
    ws.write('b.jsonl', seededArchive(2));
    const first = await updateIndex(ws.index, ws.content, { ...small, force: true });
    expect(first.kind).toBe('rebuilt');
    expectCurrent(ws);

    ws.write('c.jsonl', seededArchive(3));
    const added = await updateIndex(ws.index, ws.content, small);
    expect(added).toMatchObject({ kind: 'updated', deleted: 0 });
    expect(added.flushed).toBeGreaterThan(0);
    expectCurrent(ws);

    ws.write(
      'a.jsonl',
      seededArchive(4).map((r) => ({ ...r, id: r.id.replace(/-4$/, '-1') })),
    );
    const changed = await updateIndex(ws.index, ws.content, small);
    expect(changed.deleted).toBe(seededArchive(1).length);
    expectCurrent(ws);

    ws.remove('b.jsonl');
    const removed = await updateIndex(ws.index, ws.content, small);
    expect(removed).toMatchObject({ deleted: seededArchive(2).length, flushed: 0 });
    expectCurrent(ws);
    expect(await updateIndex(ws.index, ws.content, small)).toMatchObject({ kind: 'current' });
  });

  it('flushes a segment each time its buffer is full, then merges them up to the size bound', async () => {
    const ws = workspace();
    ws.write('all.jsonl', [...seededArchive(1), ...seededArchive(2), ...teaCollection()]);
    const one = await updateIndex(ws.index, ws.content, { ...small, force: true });
    expect(one.flushed).toBeGreaterThanOrEqual(3);
    expect(one.segments).toBe(1);
    expect(readManifest(ws.index)!.segments[0]!.files).toHaveLength(1); // the file's parts, merged, are one range again
    expectCurrent(ws);
    const bounded = await updateIndex(ws.index, ws.content, { ...small, force: true, maxSegmentBytes: 40_000 });
    expect(bounded.segments).toBeGreaterThan(1);
    expect(bounded.segments).toBeLessThan(bounded.flushed);
    expectCurrent(ws);
    // Only the manifest and the segments it names are left.
    const manifest = readManifest(ws.index)!;
    expect(readdirSync(ws.index).sort()).toEqual(
      ['manifest.json', ...manifest.segments.map((s) => `${s.name}.bin`)].sort(),
    );
  });

  it('keeps the number of segments bounded: small updates are merged a level at a time', async () => {
    const ws = workspace();
    ws.write('base.jsonl', seededArchive(1));
    await updateIndex(ws.index, ws.content, { ...small, force: true });
    const counts: number[] = [];
    for (let k = 0; k < MERGE_FACTOR + 1; k++) {
      ws.write(
        `add-${k}.jsonl`,
        [teaCollection()[k % 10]!].map((r) => ({ ...r, id: `${r.id}-${k}` })),
      );
      counts.push((await updateIndex(ws.index, ws.content, small)).segments);
    }
    expect(Math.max(...counts)).toBeLessThanOrEqual(MERGE_FACTOR);
    expect(counts.some((c, i) => i > 0 && c < counts[i - 1]!)).toBe(true); // a level's run was merged
    expectCurrent(ws);
  });

  it('rewrites a segment once most of it is deleted', async () => {
    const ws = workspace();
    ws.write('a.jsonl', seededArchive(1));
    ws.write('b.jsonl', seededArchive(2));
    await updateIndex(ws.index, ws.content, { ...small, force: true });
    ws.remove('a.jsonl');
    const after = await updateIndex(ws.index, ws.content, small);
    expect(after.merges).toHaveLength(1);
    const manifest = readManifest(ws.index)!;
    expect(manifest.segments.every((s) => s.deletions === null)).toBe(true);
    expectCurrent(ws);
  });

  it('refuses a report id that another file already has, and changes nothing', async () => {
    const ws = workspace();
    ws.write('a.jsonl', seededArchive(1));
    await updateIndex(ws.index, ws.content, { ...small, force: true });
    const before = readManifest(ws.index);
    writeFileSync(path.join(ws.content, 'dup.jsonl'), asJsonLines([seededArchive(1)[0]!]));
    await expect(updateIndex(ws.index, ws.content, small)).rejects.toThrow(/two reports share the id/);
    expect(readManifest(ws.index)).toEqual(before);
  });
});
