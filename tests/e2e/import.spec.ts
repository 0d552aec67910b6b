import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { buildIndexWith, startServer } from '@/scripts/server-process';
import { MADE_UP_SECTIONS, MADE_UP_TITLE, madeUpParagraphs } from '@/tests/fixtures/made-up-report';
import { madeUpPdf } from '@/tests/fixtures/pdfs';
import { scanOf } from '@/tests/fixtures/scans';

const PORT = 3130;
const base = `http://127.0.0.1:${PORT}`;

test('a scanned report imported by OCR is searchable, and its page says the text was read from a scan', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const root = mkdtempSync(path.join(tmpdir(), 'import-e2e-'));
  const content = path.join(root, 'content');
  mkdirSync(content);
  writeFileSync(path.join(content, 'seed.md'), readFileSync('content/ziyang-cppcc-2022.md'));
  const scanned = path.join(root, 'qingxi-2023.pdf');
  writeFileSync(scanned, await scanOf(await madeUpPdf()));

  const imported = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', '--out', content, scanned], {
    encoding: 'utf8',
  });
  expect(imported.status, imported.stderr).toBe(0);
  const counts = `${MADE_UP_SECTIONS.length} sections, ${madeUpParagraphs().length} paragraphs`;
  expect(imported.stdout).toContain(`qingxi-2023.md (written)`);
  // What the title says is printed and written; the year only where OCR read its 〇.
  expect(imported.stdout).toMatch(
    new RegExp(
      `2024-03-05, ${counts}; inferred from the title: .*kind 政协工作报告, region 青溪县, level 县 — read by OCR`,
    ),
  );
  expect(readFileSync(path.join(content, 'qingxi-2023.md'), 'utf8')).toMatch(
    /^---\n.*\ndate: 2024-03-05\nocr: true\nregion: 青溪县\nlevel: 县\nkind: 政协工作报告\n(year: 2023\n)?---/,
  );

  const env = { CONTENT_DIR: content, SEARCH_INDEX: path.join(root, 'index.bin'), LIVE_INDEX: '0' };
  buildIndexWith(env);
  const { server } = await startServer(PORT, '/api/health', env, 120_000);
  try {
    const found = (await (await fetch(`${base}/api/search?q=${encodeURIComponent('青溪茶叶品牌建设')}`)).json()) as {
      total: number;
      hits: { url: string }[];
    };
    expect(found.total).toBe(1);
    await page.goto(`${base}${found.hits[0]!.url}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('青溪县政协');
    await expect(page.getByRole('note')).toHaveText('本文由扫描件识别，可能有误');
    await page.goto(`${base}/reports/seed`);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(MADE_UP_TITLE);
    await expect(page.getByText('本文由扫描件识别')).toHaveCount(0);
  } finally {
    server.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
});
