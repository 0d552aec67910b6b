import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndex } from '@/lib/index/load';
import { readManifest, strayFiles } from '@/lib/index/segments';
import { planUpdate } from '@/lib/indexer/plan';
import { removeLeftovers, updateIndex } from '@/lib/indexer/update';
import { asJsonLines, seededArchive } from '@/tests/fixtures/archive';

/** A content folder of two files, and its index built in segments of a few reports each. */
async function indexed() {
  const root = mkdtempSync(path.join(tmpdir(), 'crash-'));
  const content = path.join(root, 'content');
  const index = path.join(root, 'index');
  mkdirSync(content);
  writeFileSync(path.join(content, 'a.jsonl'), asJsonLines(seededArchive(1)));
  writeFileSync(path.join(content, 'b.jsonl'), asJsonLines(seededArchive(2)));
  await updateIndex(index, content, { force: true, bufferBytes: 20_000, maxSegmentBytes: 30_000 });
  return { content, index, ids: ids(index) };
}

const ids = (index: string) => loadIndex(index).reports.ids.all().sort();

/** `build:index` with small segments, killed with SIGKILL at the failpoint named, or after `killAfterMs`. */
function build(
  env: { content: string; index: string },
  args: string[],
  {
    failpoint,
    killAfterMs,
    maxSegmentMb = '0.03',
  }: { failpoint?: string; killAfterMs?: number; maxSegmentMb?: string },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/build-index.ts', ...args], {
      env: {
        ...process.env,
        CONTENT_DIR: env.content,
        SEARCH_INDEX: env.index,
        INDEX_BUFFER_MB: '0.02',
        INDEX_MAX_SEGMENT_MB: maxSegmentMb,
        ...(failpoint ? { INDEX_FAILPOINT: failpoint } : {}),
      },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out });
    });
  });
}

/** After a kill: the last manifest serves, the next start removes what the build left, the next build ends current. */
async function expectRecovered(ws: { content: string; index: string }, before: string[], after: string[]) {
  const serving = ids(ws.index);
  expect([before, after]).toContainEqual(serving);
  await removeLeftovers(ws.index);
  expect(strayFiles(ws.index, readManifest(ws.index))).toEqual([]);
  expect(ids(ws.index)).toEqual(serving);
  const again = await build(ws, ['--if-stale'], {});
  expect(again.code).toBe(0);
  expect(planUpdate(ws.index, ws.content).reason).toBeNull();
  expect(ids(ws.index)).toEqual(after);
}

describe('a build killed with SIGKILL', () => {
  it.each([
    ['flush', 'after writing a new segment, before the manifest names it'],
    ['manifest', 'after writing the new manifest, before renaming it into place'],
  ])(
    'at %s (%s) leaves the last manifest serving',
    async (failpoint) => {
      const ws = await indexed();
      writeFileSync(path.join(ws.content, 'c.jsonl'), asJsonLines(seededArchive(3)));
      const after = [...ws.ids, ...seededArchive(3).map((r) => r.id)].sort();
      const run = await build(ws, ['--if-stale'], { failpoint });
      expect(run.signal).toBe('SIGKILL');
      expect(ids(ws.index)).toEqual(ws.ids);
      expect(strayFiles(ws.index, readManifest(ws.index)).length).toBeGreaterThan(0);
      await expectRecovered(ws, ws.ids, after);
    },
    60_000,
  );

  it('at deletions (a changed file marked deleted, its new segment not yet written) leaves the last manifest serving', async () => {
    const ws = await indexed();
    writeFileSync(path.join(ws.content, 'a.jsonl'), asJsonLines(seededArchive(1).slice(0, 3)));
    const after = [...seededArchive(1).slice(0, 3), ...seededArchive(2)].map((r) => r.id).sort();
    const run = await build(ws, ['--if-stale'], { failpoint: 'deletions' });
    expect(run.signal).toBe('SIGKILL');
    expect(ids(ws.index)).toEqual(ws.ids);
    await expectRecovered(ws, ws.ids, after);
  }, 60_000);

  it('at merge (a merged segment written, the manifest not yet) leaves the flushed segments serving', async () => {
    const ws = await indexed();
    // A rebuild flushes small segments, writes a manifest naming them, then merges them (up to 1 MB).
    const run = await build(ws, [], { failpoint: 'merge', maxSegmentMb: '1' });
    expect(run.signal).toBe('SIGKILL');
    await expectRecovered(ws, ws.ids, ws.ids);
  }, 60_000);

  it('at any moment of a rebuild leaves an index that loads, whole, old or new', async () => {
    const ws = await indexed();
    writeFileSync(path.join(ws.content, 'c.jsonl'), asJsonLines(seededArchive(3)));
    const after = [...ws.ids, ...seededArchive(3).map((r) => r.id)].sort();
    for (const killAfterMs of [900, 1400, 1900, 2600, 3400]) {
      const run = await build(ws, [], { killAfterMs });
      const serving = ids(ws.index);
      expect([ws.ids, after]).toContainEqual(serving);
      if (run.signal === 'SIGKILL') await removeLeftovers(ws.index);
      expect(strayFiles(ws.index, readManifest(ws.index))).toEqual([]);
    }
    // On a slow machine every kill may come before a manifest of the new content: old or new, whole.
    await expectRecovered(ws, ids(ws.index), after);
  }, 120_000);
});
