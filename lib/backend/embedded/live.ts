/**
 * The live index: while the server runs, a change to the content folder (a report added, changed
 * or removed, by hand or by `npm run import`) is built into a new index off the request path, in a
 * child process, then swapped in. Changes in a burst make one rebuild; a change during a rebuild
 * makes one more after it. A rebuild that fails (a malformed file) leaves the index in service as
 * it is and records the problem, which the next good rebuild clears. chokidar watches the folder.
 * The build runs as a process of its own (indexer/command.ts): jieba's memory, which it never
 * frees, and a crash stay there.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { IndexProblem } from '../../api/health';
import { readOutcome } from '../../index/build-outcome';
import type { SearchIndex } from '../../index/model';
import { BUILD_COMMAND_FILE } from '../../indexer/command';
import { loadSearchIndex, setIndexProblem, swapSearchIndex } from './holder';

/** Quiet time after the last change before a rebuild starts: a burst of writes makes one rebuild. */
export const SETTLE_MS = 250;

/** Files of the content folder that make up the index. */
const INDEXED = /\.(md|jsonl)$|^(dictionary|synonyms)\.txt$/;

/** How the live index builds and what it tells. */
export interface LiveOptions {
  /** The content folder to watch. */
  dir: string;
  /**
   * The build command's process (indexer/command.ts, which prints its outcome line) unless a test
   * names another; its environment is the server's with `env` added. The live index adds
   * `--if-stale`, except when a refresh is forced.
   */
  build?: { command: string; args: string[]; env?: NodeJS.ProcessEnv };
  /** Told of every swap and every failed rebuild. */
  log?: (line: string) => void;
  /** Quiet time before a rebuild; SETTLE_MS unless a test shortens it. */
  settleMs?: number;
}

/** Watches the content folder and keeps the server's index current. */
export class LiveIndex {
  private watcher: FSWatcher | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  /** The next build rebuilds even an artifact that looks current (its stamp is fine, its bytes are not). */
  private force = false;
  private closed = false;
  private child: ReturnType<typeof spawn> | null = null;
  /** Rebuilds that put a new index in service. */
  swaps = 0;

  constructor(private readonly options: LiveOptions) {}

  /** Starts watching; resolves once the watcher is ready. */
  async start(): Promise<void> {
    const { dir } = this.options;
    this.watcher = watch(dir, {
      ignoreInitial: true,
      depth: 0,
      ignored: (file, stats) => Boolean(stats?.isFile()) && !INDEXED.test(path.basename(file)),
      awaitWriteFinish: false,
    });
    for (const event of ['add', 'change', 'unlink'] as const) this.watcher.on(event, () => this.changed());
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
  }

  /** A change arrived: (re)start the quiet period. */
  private changed(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.rebuild();
    }, this.options.settleMs ?? SETTLE_MS);
  }

  /**
   * Rebuilds as if the content had changed: when the index in service could not be loaded at start.
   * `force` rebuilds even when the artifact's stamp says current (a corrupt artifact's does).
   */
  refresh(force = false): void {
    this.force ||= force;
    this.changed();
  }

  /** Runs one rebuild, or marks that another is needed after the one running. */
  private rebuild(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.buildAndSwap().finally(() => {
      this.running = null;
      if (this.again && !this.closed) {
        this.again = false;
        this.rebuild();
      }
    });
  }

  private async buildAndSwap(): Promise<void> {
    const log = this.options.log ?? (() => {});
    const started = performance.now();
    const outcome = await this.runBuild();
    if (this.closed) return;
    if ('error' in outcome) {
      setIndexProblem(outcome.error);
      const where = outcome.error.file
        ? `${outcome.error.file}${outcome.error.line ? `:${outcome.error.line}` : ''}: `
        : '';
      log(
        `live: the content changed but cannot be indexed, still serving the last good index: ${where}${outcome.error.message}`,
      );
      return;
    }
    let index: SearchIndex;
    try {
      index = await loadSearchIndex();
    } catch (err) {
      // Another server of this checkout may have rebuilt meanwhile: the next change tries again.
      setIndexProblem({ file: null, line: null, message: (err as Error).message });
      log(`live: ${(err as Error).message}`);
      return;
    }
    swapSearchIndex(index);
    setIndexProblem(null);
    this.swaps++;
    const ms = Math.round(performance.now() - started);
    log(
      `live: index swapped in ${ms} ms: ${index.reports.count} reports, ${index.paragraphs.count} paragraphs, built ${index.builtAt}`,
    );
  }

  /** The build in a child process; its outcome line (index/build-outcome.ts) says how it went. */
  private runBuild(): Promise<{ ok: true } | { error: IndexProblem }> {
    const build = this.options.build ?? { command: process.execPath, args: ['--import', 'tsx', BUILD_COMMAND_FILE] };
    const { command, env } = build;
    const args = this.force ? build.args : [...build.args, '--if-stale'];
    this.force = false;
    return new Promise((resolve) => {
      const child = spawn(command, args, {
        env: { ...process.env, ...env, BUILD_INDEX_JSON: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      this.child = child;
      let out = '';
      let err = '';
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
      child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
      child.on('error', (e) =>
        resolve({ error: { file: null, line: null, message: `the build could not start: ${e.message}` } }),
      );
      child.on('close', (code, signal) => {
        this.child = null;
        const outcome = readOutcome(out); // null: the build died before it could say why
        if (outcome?.kind === 'failed') resolve({ error: outcome.problem });
        else if (code === 0 && outcome) resolve({ ok: true });
        else
          resolve({
            error: {
              file: null,
              line: null,
              message: signal
                ? `the build was stopped by ${signal}`
                : err.trim().split('\n').pop() || `the build exited with code ${code}`,
            },
          });
      });
    });
  }

  /** Whether a rebuild is running or waiting. */
  get busy(): boolean {
    return this.running !== null || this.timer !== undefined;
  }

  /** Stops watching, cancels a pending rebuild and stops a running one. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.child?.kill('SIGTERM');
    await this.watcher?.close();
    await this.running;
  }
}
