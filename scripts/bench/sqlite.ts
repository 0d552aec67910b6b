/**
 * SQLite FTS5 as a peer in `npm run bench`: what many developers would pick instead. The same
 * normalised texts in an FTS5 table with the trigram tokenizer, queried as a developer would:
 * MATCH for terms of three characters or more (ranked by bm25), LIKE for shorter ones, AND
 * between terms. better-sqlite3 12 (13 needs Node 22).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { timeEach } from './common';

/** What the peer measured. */
export interface SqliteFigures {
  buildMs: number;
  /** Growth of this process's RSS while building and querying. */
  rssMb: number;
  /** The database file. */
  fileMb: number;
  bytesPerChar: number;
  /** Per query of the mix: milliseconds for the count and the first ten rows, and the count. */
  times: number[];
  counts: number[];
  /** The same for the positional mix of three-character terms. */
  positionalTimes: number[];
  positionalCounts: number[];
}

const rssMb = () => process.memoryUsage().rss / 1e6;

/** Builds the FTS5 table over `norms` and runs every query of `mix` and of `positional` once (after a warm-up). */
export async function measureSqlite(
  norms: string[],
  mix: string[],
  chars: number,
  positional: string[] = [],
): Promise<SqliteFigures> {
  global.gc?.();
  const before = rssMb();
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-sqlite-'));
  const file = path.join(dir, 'fts.db');
  const db = new Database(file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    const started = performance.now();
    db.exec("CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'trigram')");
    const insert = db.prepare('INSERT INTO t(rowid, text) VALUES (?, ?)');
    db.transaction(() => norms.forEach((text, id) => insert.run(id, text)))();
    db.exec("INSERT INTO t(t) VALUES ('optimize')");
    const buildMs = Math.round(performance.now() - started);
    const fileMb = statSync(file).size / 1e6;
    const run = (q: string) => {
      const terms = q.split(/\s+/).filter(Boolean);
      const long = terms.filter((t) => Array.from(t).length >= 3);
      const short = terms.filter((t) => Array.from(t).length < 3);
      const where = [...(long.length ? ['t MATCH ?'] : []), ...short.map(() => 'text LIKE ?')].join(' AND ');
      const params = [
        ...(long.length ? [long.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ')] : []),
        ...short.map((t) => `%${t}%`),
      ];
      const count = (db.prepare(`SELECT count(*) AS n FROM t WHERE ${where}`).get(...params) as { n: number }).n;
      db.prepare(`SELECT rowid FROM t WHERE ${where}${long.length ? ' ORDER BY rank' : ''} LIMIT 10`).all(...params);
      return count;
    };
    const { times, results: counts } = await timeEach(mix, run, 50);
    const atPositions = await timeEach(positional, run, 50);
    return {
      buildMs,
      rssMb: Math.round(rssMb() - before),
      fileMb: Math.round(fileMb * 10) / 10,
      bytesPerChar: Math.round(((fileMb * 1e6) / chars) * 10) / 10,
      times,
      counts,
      positionalTimes: atPositions.times,
      positionalCounts: atPositions.results,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
