/**
 * A real OpenSearch cluster on this machine, for the tests and benches: 1 or 3 nodes, each its own
 * JVM running the launcher of opensearch/ (OpenSearch 2.19 from Maven Central), on loopback ports,
 * each with its own data folder. Starts them, waits for the cluster to be green, and stops what it
 * started, by pid. Nothing here is for production (DEPLOY.md: the official distribution).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Where the launcher is built (opensearch/pom.xml). */
const MODULE = path.resolve('opensearch');
const JAR = path.join(MODULE, 'target', 'archive-node.jar');
const CLASSPATH = `${JAR}:${path.join(MODULE, 'target', 'lib', '*')}`;

export interface ClusterOptions {
  /** 1 or 3 nodes. */
  nodes: 1 | 3;
  /** Node i (1-based) serves HTTP on httpPort + i - 1 and its transport on transportPort + i - 1. */
  httpPort?: number;
  transportPort?: number;
  /** Heap per node, in MB. */
  heapMb?: number;
  /** The nodes' data and logs; a new temporary folder when not given. */
  dir?: string;
  /** How long the cluster may take to be green. */
  timeoutMs?: number;
}

/** One node: its process, its HTTP address and its log. */
export interface ClusterNode {
  name: string;
  url: string;
  log: string;
  process: ChildProcess;
}

export interface Cluster {
  /** The first node's HTTP address: what OPENSEARCH_URL names. */
  url: string;
  nodes: ClusterNode[];
  dir: string;
  /** Kills node i (0-based) with `signal`, as a crash does (SIGKILL) or an operator (SIGTERM). */
  kill(i: number, signal?: NodeJS.Signals): void;
  /** Starts node i again with the same settings and data. */
  restart(i: number): void;
  /** Waits for the cluster to report `status` (or better) with every node in it. */
  waitFor(status: 'green' | 'yellow', timeoutMs?: number): Promise<void>;
  /** Stops every node it started (SIGTERM, then SIGKILL) and, when it made the folder, removes it. */
  stop(): Promise<void>;
}

/** Builds the launcher when its jar is missing: Maven takes OpenSearch's jars from Maven Central. */
export function buildLauncher(): void {
  if (existsSync(JAR) && existsSync(path.join(MODULE, 'target', 'lib'))) return;
  const built = spawnSync('mvn', ['-B', '-q', 'package', '-DskipTests'], { cwd: MODULE, stdio: 'inherit' });
  if (built.error) throw new Error(`opensearch: cannot run Maven (${built.error.message}); install maven and a JDK 17`);
  if (built.status !== 0) throw new Error(`opensearch: mvn package failed in ${MODULE} (exit ${built.status})`);
}

/** Starts a cluster and resolves once it is green with every node; fails, having stopped what it started, when it is not within the timeout. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { nodes: count, httpPort = 9201, transportPort = 9301, heapMb = 512, timeoutMs = 180_000 } = options;
  buildLauncher();
  const made = !options.dir;
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'opensearch-'));
  const names = Array.from({ length: count }, (_, i) => `n${i + 1}`);
  const seeds = names.map((_, i) => `127.0.0.1:${transportPort + i}`).join(',');
  const settingsOf = (i: number): string[] => [
    `path.home=${path.join(dir, names[i]!)}`,
    `node.name=${names[i]}`,
    'cluster.name=reports-test',
    'network.host=127.0.0.1',
    `http.port=${httpPort + i}`,
    `transport.port=${transportPort + i}`,
    // A test machine's disk may be fuller than the watermarks allow: shards would stay unassigned.
    'cluster.routing.allocation.disk.threshold_enabled=false',
    ...(count === 1
      ? ['discovery.type=single-node']
      : [`discovery.seed_hosts=${seeds}`, `cluster.initial_cluster_manager_nodes=${names.join(',')}`]),
  ];
  const spawnNode = (i: number): ClusterNode => {
    const home = path.join(dir, names[i]!);
    mkdirSync(home, { recursive: true });
    const log = path.join(home, 'node.log');
    const out = openSync(log, 'a');
    const child = spawn(
      'java',
      [`-Xms${heapMb}m`, `-Xmx${heapMb}m`, '-cp', CLASSPATH, 'org.reports.archive.ArchiveNode', ...settingsOf(i)],
      { stdio: ['ignore', out, out] },
    );
    child.on('error', () => {}); // a missing java is reported by waitFor, with the log
    return { name: names[i]!, url: `http://127.0.0.1:${httpPort + i}`, log, process: child };
  };
  const nodes = names.map((_, i) => spawnNode(i));
  const url = nodes[0]!.url;

  const alive = (n: ClusterNode) => n.process.exitCode === null && n.process.signalCode === null;
  const cluster: Cluster = {
    url,
    nodes,
    dir,
    kill(i, signal = 'SIGKILL') {
      nodes[i]!.process.kill(signal);
    },
    restart(i) {
      if (alive(nodes[i]!)) throw new Error(`opensearch: ${names[i]} is still running`);
      nodes[i] = spawnNode(i);
    },
    async waitFor(status, wait = timeoutMs) {
      const deadline = Date.now() + wait;
      let last = 'no answer';
      while (Date.now() < deadline) {
        const running = nodes.filter(alive);
        if (running.length === 0) throw new Error(`opensearch: every node exited (see ${nodes[0]!.log})`);
        for (const node of running) {
          try {
            const res = await fetch(
              `${node.url}/_cluster/health?wait_for_status=${status}&wait_for_nodes=${running.length}&timeout=2s`,
              { signal: AbortSignal.timeout(5000) },
            );
            const health = (await res.json()) as { status?: string; number_of_nodes?: number };
            last = `${health.status}, ${health.number_of_nodes} nodes`;
            if (res.ok && health.number_of_nodes === running.length) return;
          } catch {
            // not listening yet, or gone
          }
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`opensearch: not ${status} after ${wait} ms (${last}; logs under ${dir})`);
    },
    async stop() {
      await Promise.all(nodes.map((n) => stopNode(n.process)));
      if (made) rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await cluster.waitFor('green');
  } catch (err) {
    await Promise.all(nodes.map((n) => stopNode(n.process)));
    throw err;
  }
  return cluster;
}

/** Stops a node: SIGTERM (it closes its indices), SIGKILL after 20 s. */
async function stopNode(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
