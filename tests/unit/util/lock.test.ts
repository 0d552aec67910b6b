import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '@/lib/util/lock';

describe('acquireLock', () => {
  it('takes over a lock whose owner is gone', async () => {
    const lock = path.join(mkdtempSync(path.join(tmpdir(), 'lock-')), 'x.lock');
    writeFileSync(lock, '999999999'); // no such process
    const release = await acquireLock(lock);
    release();
  });

  it('waits for a lock held by a live process', async () => {
    const lock = path.join(mkdtempSync(path.join(tmpdir(), 'lock-')), 'y.lock');
    const first = await acquireLock(lock);
    let second = false;
    const waiting = acquireLock(lock).then((release) => {
      second = true;
      release();
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(second).toBe(false);
    first();
    await waiting;
    expect(second).toBe(true);
  });
});
