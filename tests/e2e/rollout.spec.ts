import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { buildIndexWith, replicaStatus, startHaproxy, startServer } from '@/scripts/server-process';
import { steadyLoad } from '@/tests/load';

const FRONTEND = 3210;
const REPLICAS = [3211, 3212];
/** Their HEALTH_PORT: HAProxy checks them there, as deployed. */
const HEALTH = [3221, 3222];
const STATS = 3213;
const DRAIN_SECONDS = 2;

async function until(done: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done().catch(() => false))) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('two replicas behind HAProxy, each replaced twice one at a time under 32 connections of pages and API calls, fail no request', async () => {
  test.setTimeout(300_000);
  const haproxy = spawnSync('haproxy', ['-v']);
  expect(haproxy.error, 'this test needs HAProxy: apt-get install haproxy').toBeUndefined();

  const root = mkdtempSync(path.join(tmpdir(), 'rollout-'));
  const env = {
    SEARCH_INDEX: path.join(root, 'index.bin'),
    DRAIN_SECONDS: String(DRAIN_SECONDS),
    EXIT_BOUND_SECONDS: '3',
    LIVE_INDEX: '0',
    // Behind HAProxy, as DEPLOY.md says: the client is the one HAProxy names in X-Forwarded-For.
    TRUST_PROXY: '1',
  };
  buildIndexWith(env);
  const replicas: ChildProcess[] = [];
  const replica = async (k: number) =>
    (await startServer(REPLICAS[k]!, '/api/health', { ...env, HEALTH_PORT: String(HEALTH[k]) }, 120_000)).server;
  for (let k = 0; k < REPLICAS.length; k++) replicas.push(await replica(k));
  const balancer = startHaproxy(FRONTEND, REPLICAS, STATS, HEALTH);
  // A rollout replaces the next replica only once the balancer sends traffic to the new one, as
  // Kubernetes waits for readiness (maxUnavailable 0): HAProxy's own view, not a fixed pause.
  const inService = (k: number) => until(async () => (await replicaStatus(STATS, k + 1)) === 'UP');
  const base = `http://127.0.0.1:${FRONTEND}`;
  const drainTimes: number[] = [];
  let stop: (() => Promise<{ requests: number; statuses: Record<number, number>; failures: string[] }>) | null = null;
  try {
    await until(async () => (await fetch(`${base}/api/health`)).ok);
    for (let k = 0; k < REPLICAS.length; k++) await inService(k);
    // 32 connections of API searches, search pages and report pages.
    stop = steadyLoad(base, ['书香政协', '政协', '党', '43户', '推進高質量發展', '提案 -优秀', '有事来协商'], 32, true);
    for (let round = 0; round < 2; round++) {
      for (let k = 0; k < REPLICAS.length; k++) {
        const old = replicas[k]!;
        const exited = new Promise<number>((resolve) => old.once('exit', () => resolve(Date.now())));
        const signalled = Date.now();
        old.kill('SIGTERM');
        drainTimes.push((await exited) - signalled);
        // Out of service first (its readiness turned 503), then back: a new process on the same port.
        await until(async () => (await replicaStatus(STATS, k + 1)) !== 'UP');
        replicas[k] = await replica(k);
        await inService(k);
      }
    }
  } finally {
    const count = await stop?.();
    balancer.kill('SIGTERM');
    for (const r of replicas) r.kill('SIGKILL');
    if (count) {
      console.log(
        `rollout: ${count.requests} requests, statuses ${JSON.stringify(count.statuses)}, SIGTERM → exit ${drainTimes.join(', ')} ms`,
      );
      expect(count.failures).toEqual([]);
      expect(Object.keys(count.statuses)).toEqual(['200']);
      expect(count.requests).toBeGreaterThan(200);
    }
  }
  expect(drainTimes).toHaveLength(4);
  for (const ms of drainTimes) expect(ms).toBeGreaterThanOrEqual(DRAIN_SECONDS * 1000);
});
