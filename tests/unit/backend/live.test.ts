import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateIndex } from '@/lib/indexer/update';
import { LiveIndex } from '@/lib/backend/embedded/live';
import { search } from '@/lib/eval/search';
import { getSearchIndex, indexHealth, loadSearchIndex, swapSearchIndex } from '@/lib/backend/embedded/holder';

// This file runs in its own worker: pointing the content folder and the artifact elsewhere affects no other test.
const root = mkdtempSync(path.join(tmpdir(), 'live-'));
const dir = path.join(root, 'content');
process.env.CONTENT_DIR = dir;
process.env.SEARCH_INDEX = path.join(root, 'index');

const report = (title: string, paragraph: string) => `---\ntitle: ${title}\ndate: 2024-01-01\n---\n\n${paragraph}\n`;
const found = (q: string) => search(getSearchIndex(), q, { limit: 10, offset: 0 }).total;
const logs: string[] = [];
const live = new LiveIndex({
  dir,
  log: (line) => logs.push(line),
  settleMs: 100,
});

/** Waits until `done` holds, checking every 50 ms, for at most `ms`. */
async function until(done: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out; log:\n${logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'first.md'), report('第一份报告', '第一份报告的段落提到甲乙丙。'));
  await updateIndex(process.env.SEARCH_INDEX!, dir, { force: true });
  swapSearchIndex(await loadSearchIndex());
  await live.start();
}, 30_000);

afterAll(() => live.close());

describe('the live index', () => {
  it('makes an added report searchable without a restart, and health shows the new build', async () => {
    const before = indexHealth().builtAt;
    writeFileSync(path.join(dir, 'second.md'), report('第二份报告', '新加的段落提到丁戊己。'));
    await until(() => found('丁戊己') === 1);
    expect(indexHealth()).toMatchObject({ status: 'ok', documents: 2 });
    expect(indexHealth().builtAt).not.toBe(before);
  }, 30_000);

  it('follows a changed report and a removed one', async () => {
    writeFileSync(path.join(dir, 'second.md'), report('第二份报告', '改过的段落提到庚辛壬。'));
    await until(() => found('庚辛壬') === 1 && found('丁戊己') === 0);
    rmSync(path.join(dir, 'second.md'));
    await until(() => found('庚辛壬') === 0);
    expect(indexHealth().documents).toBe(1);
  }, 30_000);

  it('keeps serving the last good index over a malformed file, says where it is, and clears on the next good change', async () => {
    writeFileSync(path.join(dir, 'broken.md'), 'no front matter here\n');
    await until(() => indexHealth().status === 'degraded');
    expect(indexHealth().problem).toMatchObject({ line: 1, message: expect.stringMatching(/front matter/) });
    expect(indexHealth().problem!.file).toMatch(/broken\.md$/);
    expect(found('甲乙丙')).toBe(1);
    expect(logs.join('\n')).toMatch(/broken\.md:1: expected front matter/);
    writeFileSync(path.join(dir, 'broken.md'), report('修好的报告', '修好以后的段落提到癸子丑。'));
    await until(() => found('癸子丑') === 1);
    expect(indexHealth().status).toBe('ok');
  }, 30_000);

  it('makes one rebuild of a burst of changes', async () => {
    const swaps = live.swaps;
    for (let i = 0; i < 10; i++)
      writeFileSync(path.join(dir, `burst-${i}.md`), report(`报告${i}`, `连续写入的第${i}份报告，寅卯辰。`));
    await until(() => found('寅卯辰') === 10 && !live.busy);
    expect(live.swaps - swaps).toBe(1);
  }, 30_000);
});
