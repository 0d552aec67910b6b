import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, reportIdFor, writeReport } from '@/lib/content/import';
import { governmentPage } from '@/tests/fixtures/pages';

const SEED = 'tests/fixtures/seed-ziyang-cppcc-2022.txt';

describe('importFile and writeReport', () => {
  it('gives the same id and the same output for the same file imported twice', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-'));
    const first = writeReport(await importFile(SEED), dir);
    const bytes = readFileSync(first.file, 'utf8');
    const second = writeReport(await importFile(SEED), dir);
    expect(second).toEqual({ file: first.file, outcome: 'unchanged' });
    expect(readFileSync(second.file, 'utf8')).toBe(bytes);
  });

  it('makes URL-safe ids, the same every time, from file names that are not', () => {
    expect(reportIdFor('/x/资阳市政协2022年工作报告.pdf')).toMatch(/^2022-[0-9a-f]{8}$/);
    expect(reportIdFor('/y/资阳市政协2022年工作报告.docx')).toBe(reportIdFor('/x/资阳市政协2022年工作报告.pdf'));
    expect(reportIdFor('/x/report_2022.html')).toBe('report_2022');
  });

  it('does not overwrite a different report unless forced', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-'));
    const report = await importFile(SEED, 'same-id');
    writeFileSync(path.join(dir, 'same-id.md'), '---\ntitle: 别的报告\n---\n\n别的内容。\n');
    expect(() => writeReport(report, dir)).toThrow(/exists and differs; use --force/);
    expect(readFileSync(path.join(dir, 'same-id.md'), 'utf8')).toContain('别的报告');
    expect(writeReport(report, dir, true).outcome).toBe('written');
    expect(readFileSync(path.join(dir, 'same-id.md'), 'utf8')).toContain('百舸争流');
  });

  it('refuses unknown types and files whose bytes are not what their name says', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-'));
    writeFileSync(path.join(dir, 'a.xls'), 'x');
    writeFileSync(path.join(dir, 'b.pdf'), '<html></html>');
    writeFileSync(path.join(dir, 'c.docx'), 'plain text');
    await expect(importFile(path.join(dir, 'a.xls'))).rejects.toThrow(/unknown file type ".xls"/);
    await expect(importFile(path.join(dir, 'b.pdf'))).rejects.toThrow(/not a PDF/);
    await expect(importFile(path.join(dir, 'c.docx'))).rejects.toThrow(/not a Word/);
  });
});

describe('npm run import', () => {
  it('imports the files it can read, refuses the others by name with the reason, and exits non-zero', () => {
    const input = mkdtempSync(path.join(tmpdir(), 'import-in-'));
    const out = mkdtempSync(path.join(tmpdir(), 'import-out-'));
    copyFileSync(SEED, path.join(input, 'seed.txt'));
    writeFileSync(path.join(input, 'page.html'), governmentPage());
    writeFileSync(path.join(input, 'broken.pdf'), '%PDF-1.7\n1 0 obj <<');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', '--out', out, input], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.pdf: refused: .*(PDF|cut short)/);
    expect(run.stdout).toMatch(
      /seed\.txt → .*seed\.md \(written\): 《百舸争流万山过——资阳市政协2022年工作综述》, 2023-01-01, 4 sections, 28 paragraphs; inferred from the title: year 2022, kind 综述, region 资阳市, level 市\n/,
    );
    expect(run.stdout).toMatch(/page\.html → .*page\.md \(written\): .*3 sections, 5 paragraphs/);
    expect(readdirSync(out).sort()).toEqual(['page.md', 'seed.md']);
  });

  it('sets region, level, kind, source and year from its flags, over what the title says, and refuses a bad one', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'import-out-'));
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/import.ts',
        '--out',
        out,
        '--region',
        '四川省资阳市',
        '--source',
        '资阳市政协',
        SEED,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/inferred from the title: year 2022, kind 综述, level 市 \(by --region\)\n/);
    expect(readFileSync(path.join(out, readdirSync(out)[0]!), 'utf8')).toMatch(
      /^---\ntitle: .*\ndate: 2023-01-01\nsource: 资阳市政协\nregion: 四川省资阳市\nlevel: 市\nkind: 综述\nyear: 2022\n---\n/,
    );
    const bad = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/import.ts', '--out', out, '--level', '乡', SEED],
      {
        encoding: 'utf8',
      },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/refused: --level "乡" is not one of 国家, 省, 市, 县/);
  });
});
