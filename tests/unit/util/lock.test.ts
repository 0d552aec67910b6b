import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, processStart, type LockOwner } from '@/lib/util/lock';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'lock-'));
const lockOf = (owner: Partial<LockOwner>) =>
  JSON.stringify({ pid: process.pid, start: processStart(process.pid), host: hostname(), token: 'other', ...owner });

/** Resolves with whether `promise` settled within `ms`. */
const settlesWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('acquireLock', () => {
  it('takes over a lock whose owner is gone', async () => {
    const lock = path.join(fresh(), 'x.lock');
    writeFileSync(lock, lockOf({ pid: 999_999_999, start: 1 }));
    const release = await acquireLock(lock);
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock left by pid 1 of an earlier container: same pid, another start time', async () => {
    const lock = path.join(fresh(), 'pid1.lock');
    const start = processStart(1);
    expect(start).not.toBeNull(); // /proc is there, so the start time decides
    writeFileSync(lock, lockOf({ pid: 1, start: start! + 12_345 }));
    const release = await acquireLock(lock);
    release();
  });

  it('takes over a lock naming its own pid from an earlier life, and waits for one naming a live process', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'reused.lock'), lockOf({ start: processStart(process.pid)! - 1 }));
    (await acquireLock(path.join(dir, 'reused.lock')))();
    writeFileSync(path.join(dir, 'live.lock'), lockOf({ pid: 1, start: processStart(1) }));
    let told: LockOwner | null = null;
    const waiting = acquireLock(path.join(dir, 'live.lock'), (owner) => (told = owner));
    expect(await settlesWithin(waiting, 400)).toBe(false);
    expect(told).toMatchObject({ pid: 1 });
  });

  it('takes over a lock of the old pid-only form', async () => {
    const lock = path.join(fresh(), 'old.lock');
    writeFileSync(lock, '1');
    (await acquireLock(lock))();
  });

  it('waits for a lock held by a live process', async () => {
    const lock = path.join(fresh(), 'y.lock');
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

  it('lets exactly one of several racing processes in at a time, an abandoned lock among them', async () => {
    const dir = fresh();
    const lock = path.join(dir, 'race.lock');
    const counter = path.join(dir, 'counter');
    writeFileSync(counter, '0');
    writeFileSync(lock, lockOf({ pid: 999_999_999 }));
    const worker = path.join(dir, 'worker.mts');
    // Each turn reads the counter, yields, and writes it back plus one: a second holder loses updates.
    writeFileSync(
      worker,
      `import { readFileSync, writeFileSync } from 'node:fs';
import { acquireLock } from ${JSON.stringify(path.resolve('lib/util/lock.ts'))};
for (let i = 0; i < ${TURNS}; i++) {
  const release = await acquireLock(${JSON.stringify(lock)});
  const n = Number(readFileSync(${JSON.stringify(counter)}, 'utf8'));
  await new Promise((r) => setImmediate(r));
  writeFileSync(${JSON.stringify(counter)}, String(n + 1));
  release();
}
`,
    );
    const codes = await Promise.all(
      Array.from(
        { length: PROCESSES },
        () =>
          new Promise<number | null>((resolve) =>
            spawn(process.execPath, ['--import', 'tsx', worker], { stdio: 'inherit' }).on('close', resolve),
          ),
      ),
    );
    expect(codes).toEqual(Array(PROCESSES).fill(0));
    expect(Number(readFileSync(counter, 'utf8'))).toBe(PROCESSES * TURNS);
    expect(readdirSync(dir).sort()).toEqual(['counter', 'worker.mts']); // nothing staged or moved is left
  }, 60_000);
});

describe('a lock file as a waiter reads it', () => {
  it('is never empty or partly written, however often it is read while being taken', async () => {
    const dir = fresh();
    const lock = path.join(dir, 'busy.lock');
    const done = path.join(dir, 'done');
    const worker = path.join(dir, 'holder.mts');
    writeFileSync(
      worker,
      `import { writeFileSync } from 'node:fs';
import { acquireLock } from ${JSON.stringify(path.resolve('lib/util/lock.ts'))};
for (let i = 0; i < 3000; i++) (await acquireLock(${JSON.stringify(lock)}))();
writeFileSync(${JSON.stringify(done)}, '');
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', worker], { stdio: 'inherit' });
    const exited = new Promise((resolve) => child.on('close', resolve));
    let reads = 0;
    const torn: string[] = [];
    const until = Date.now() + 50_000;
    while (!existsSync(done) && Date.now() < until) {
      let text: string;
      try {
        text = readFileSync(lock, 'utf8');
      } catch {
        continue; // between two turns: no lock
      }
      reads++;
      try {
        JSON.parse(text);
      } catch {
        torn.push(text);
      }
    }
    await exited;
    expect(reads).toBeGreaterThan(100);
    expect(torn).toEqual([]);
  }, 60_000);
});

const PROCESSES = 6;
const TURNS = 40;
