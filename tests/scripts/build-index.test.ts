import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndex } from '@/lib/index/load';

function build(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/build-index.ts', '--if-stale'], {
      env: { ...process.env, ...env },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('building from one checkout at once', () => {
  it('lets one build while the others wait, and they find the index current', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'two-builds-'));
    cpSync('content', path.join(root, 'content'), { recursive: true });
    const env = { CONTENT_DIR: path.join(root, 'content'), SEARCH_INDEX: path.join(root, 'index') };
    const runs = await Promise.all([build(env), build(env), build(env)]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(runs.filter((r) => /28 paragraphs/.test(r.out))).toHaveLength(1);
    expect(runs.filter((r) => /is current/.test(r.out))).toHaveLength(2);
    expect(loadIndex(env.SEARCH_INDEX).paragraphs.count).toBe(28);
  }, 60_000);
});
