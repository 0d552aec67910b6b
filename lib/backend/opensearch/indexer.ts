/**
 * The content folder sent to the cluster: it stays the source of truth, and the cluster holds one
 * document per paragraph, one per report (the catalogue) and one per content file (its hash).
 * A sync sends only what changed: an unchanged file (same hash) is not read again, a changed one is
 * replaced, a removed one deleted. Paragraphs are analysed here, by the same pipeline as the
 * embedded build (text/analyze.ts), so both engines search the same normalised text and words.
 *
 * Visibility is the sync's: the indexes never refresh on their own (refresh_interval -1), and a
 * sync ends with one refresh, so a search sees a file's old paragraphs or its new ones, never both
 * and never neither. A change of the analysis (the pipeline's code, its libraries, the mapping, the
 * dictionary) makes a new version: its indexes are filled beside the ones in service, then the
 * aliases move to them in one request — no moment without an index, no mixed answers.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Client, Types } from '@opensearch-project/opensearch';
import { hashFile, holdsReports, listContent, readContentFile } from '../../content/folder';
import type { ReportSource } from '../../content/types';
import { DICTIONARY_FILE, SYNONYMS_FILE } from '../../content/vocabulary';
import { MAX_SECTIONS } from '../../index/columns';
import { analysisVersion } from '../../index/engine';
import { analyze, TOKEN_SEPARATOR } from '../../text/analyze';
import { addUserWords } from '../../text/tokenize';
import { INDEX_KINDS, type IndexKind, type IndexNames } from './connection';
import { FILE_MAPPINGS, PARAGRAPH_MAPPINGS, PARAGRAPH_SETTINGS, REPORT_MAPPINGS } from './mapping';

/** A bulk request holds at most this many documents: big enough to be cheap, small enough to bound a request's memory. */
const BULK_DOCUMENTS = 2_000;
/** The shortlist's length buckets (query/topk.ts LENGTH_BUCKETS): `short` is a paragraph's tokens capped to the last. */
export const SHORT_CAP = 1023;
/** The files index's document of the whole sync: the content's hash and when it was sent. */
export const META_ID = '#meta';

/** How the indexes are laid out on the cluster (OPENSEARCH_SHARDS, OPENSEARCH_REPLICAS). */
export interface Layout {
  shards: number;
  replicas: number;
}

export function layoutOf(env: NodeJS.ProcessEnv = process.env): Layout {
  const count = (name: string, fallback: number, min: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > 1024)
      throw new Error(`opensearch: ${name}=${v} must be a whole number ≥ ${min}`);
    return n;
  };
  return { shards: count('OPENSEARCH_SHARDS', 3, 1), replicas: count('OPENSEARCH_REPLICAS', 1, 0) };
}

/** What a sync did. */
export interface SyncOutcome {
  /** The version of the indexes in service after it. */
  version: string;
  /** Whether it filled new indexes and moved the aliases to them. */
  rebuilt: boolean;
  /** Content files sent (new or changed), removed, and left as they were. */
  sent: string[];
  removed: string[];
  unchanged: number;
  /** Paragraph documents written. */
  paragraphs: number;
  /** Files not sent, and why (a malformed file, a report id another file has). */
  problems: { file: string; reason: string }[];
  /** The content's hash: every file's, combined. */
  contentHash: string;
}

/** A paragraph as the cluster stores it. */
interface ParagraphDocument {
  report: string;
  id: string;
  ordinal: number;
  section: number;
  heading: string | null;
  file: string;
  fhash: string;
  place: string;
  norm: string;
  words: string;
  tokens: number;
  short: number;
  text: string;
  year: number | null;
}

/** Content order as a sortable key: the file, the report's place in it, the paragraph's. */
export function placeKey(file: string, report: number, ordinal = 0): string {
  return `${file}\u0001${String(report).padStart(7, '0')}\u0001${String(ordinal).padStart(6, '0')}`;
}

/** A report and its paragraphs as documents (ids, sections and repeats as IndexBuilder makes them). */
export function documentsOf(report: ReportSource, file: string, fhash: string, at: number) {
  const sections: string[] = [];
  const seen = new Map<string, number>();
  let characters = 0;
  let tokens = 0;
  const sectionChars: number[] = [];
  const paragraphs: ParagraphDocument[] = report.paragraphs.map((p, i) => {
    if (p.section !== null && sections[sections.length - 1] !== p.section) {
      if (sections.length === MAX_SECTIONS)
        throw new Error(`build: report "${report.id}" has more than ${MAX_SECTIONS} sections`);
      sections.push(p.section);
    }
    const a = analyze(report.id, p.text);
    const n = (seen.get(a.hash) ?? 0) + 1;
    seen.set(a.hash, n);
    const chars = Array.from(a.norm).length;
    characters += chars;
    tokens += a.count;
    if (p.section !== null) sectionChars[sections.length - 1] = (sectionChars[sections.length - 1] ?? 0) + chars;
    return {
      report: report.id,
      id: n === 1 ? a.hash : `${a.hash}-${n}`,
      ordinal: i + 1,
      section: p.section === null ? -1 : sections.length - 1,
      heading: p.section,
      file,
      fhash,
      place: placeKey(file, at, i + 1),
      norm: a.norm,
      words: a.tokens.split(TOKEN_SEPARATOR).join(' '),
      tokens: a.count,
      short: Math.min(a.count, SHORT_CAP),
      text: p.text,
      year: report.year ?? (report.date ? Number(report.date.slice(0, 4)) : null),
    };
  });
  const summary = {
    id: report.id,
    title: report.title,
    date: report.date,
    source: report.source,
    region: report.region ?? null,
    level: report.level ?? null,
    kind: report.kind ?? null,
    year: report.year ?? null,
    ocr: report.ocr ?? false,
    sections,
    paragraphs: paragraphs.length,
    characters,
    sectionChars: Array.from(sections, (_, k) => sectionChars[k] ?? 0),
    tokens,
    file,
    fhash,
    place: placeKey(file, at),
  };
  return { summary, paragraphs };
}

/** The mappings and settings of each kind of index. */
function definition(kind: IndexKind, layout: Layout) {
  const common = { number_of_shards: layout.shards, number_of_replicas: layout.replicas, refresh_interval: '-1' };
  if (kind === 'paragraphs') return { settings: { ...common, ...PARAGRAPH_SETTINGS }, mappings: PARAGRAPH_MAPPINGS };
  if (kind === 'reports') return { settings: common, mappings: REPORT_MAPPINGS };
  return { settings: { ...common, number_of_shards: 1 }, mappings: FILE_MAPPINGS };
}

/** The version of the documents the content makes: the analysis, the mapping, the dictionary's bytes. */
function documentVersion(dictionaryHash: string | null): string {
  return createHash('sha256')
    .update(analysisVersion())
    .update(JSON.stringify([PARAGRAPH_SETTINGS, PARAGRAPH_MAPPINGS, REPORT_MAPPINGS, FILE_MAPPINGS]))
    .update(dictionaryHash ?? '-')
    .digest('hex')
    .slice(0, 12);
}

/** The index an alias points to, or null when there is no such alias. */
async function aliasTarget(client: Client, alias: string): Promise<string | null> {
  const exists = await client.indices.existsAlias({ name: alias });
  if (!exists.body) return null;
  const { body } = await client.indices.getAlias({ name: alias });
  return Object.keys(body)[0] ?? null;
}

/** Every document of an index in `key` order, a page at a time (search_after): a large catalogue is never one request. */
export async function* scan<T>(
  client: Client,
  index: string,
  key: string,
  fields?: string[],
): AsyncGenerator<{ id: string; source: T }> {
  let after: Types.Common.SortResults | undefined;
  for (;;) {
    const { body } = await client.search({
      index,
      body: {
        size: 5_000,
        sort: [{ [key]: 'asc' }],
        ...(fields && { _source: fields }),
        ...(after && { search_after: after }),
        query: { match_all: {} },
      },
    });
    const hits = body.hits.hits;
    for (const h of hits) yield { id: h._id!, source: h._source as T };
    if (hits.length < 5_000) return;
    after = hits[hits.length - 1]!.sort;
  }
}

/** Sends bulk operations, a batch at a time; any item that failed fails the sync, naming it. */
class BulkWriter {
  private ops: object[] = [];
  written = 0;

  constructor(private readonly client: Client) {}

  async index(index: string, id: string, doc: object, routing?: string): Promise<void> {
    this.ops.push({ index: { _index: index, _id: id, ...(routing && { routing }) } }, doc);
    if (this.ops.length >= BULK_DOCUMENTS * 2) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.ops.length === 0) return;
    const body = this.ops;
    this.ops = [];
    const { body: answer } = await this.client.bulk({ body });
    if (answer.errors) {
      const failed = answer.items.find((item) => Object.values(item)[0]?.error);
      const error = failed && Object.values(failed)[0]!.error;
      throw new Error(`opensearch: bulk indexing failed: ${error?.type}: ${error?.reason}`);
    }
    this.written += body.length / 2;
  }
}

/**
 * Brings the cluster's indexes to the content folder `dir`: creates them when missing, sends what
 * changed, rebuilds beside the old ones when the version changed, and refreshes once at the end.
 */
export async function syncContent(
  client: Client,
  names: IndexNames,
  dir: string,
  layout: Layout,
  log: (line: string) => void = () => {},
): Promise<SyncOutcome> {
  const { files: listed } = listContent(dir);
  const hashes = new Map(listed.map((file) => [path.basename(file), hashFile(file).hash]));
  const dictionaryFile = listed.find((f) => path.basename(f) === DICTIONARY_FILE);
  const version = documentVersion(hashes.get(DICTIONARY_FILE) ?? null);
  // jieba keeps the content's own words whole, as the embedded build makes it.
  if (dictionaryFile) addUserWords(readContentFile(dictionaryFile).dictionary ?? []);

  const current = await aliasTarget(client, names.alias('paragraphs'));
  const target = (kind: IndexKind) => names.versioned(kind, version);
  const rebuilt = current !== target('paragraphs');
  if (rebuilt) {
    for (const kind of INDEX_KINDS) {
      const index = target(kind);
      // Left by a sync that stopped half way: started again from nothing.
      if ((await client.indices.exists({ index })).body) await client.indices.delete({ index });
      await client.indices.create({ index, body: definition(kind, layout) });
    }
    log(`opensearch: building indexes ${version} ${current ? `beside ${current}` : 'from nothing'}`);
  }

  const sentBefore = new Map<string, string>();
  for await (const { id, source } of scan<{ hash: string }>(client, target('files'), 'name', ['hash']))
    if (id !== META_ID) sentBefore.set(id, source.hash);
  const owner = new Map<string, string>();
  for await (const { source } of scan<{ id: string; file: string }>(client, target('reports'), 'id', ['id', 'file']))
    owner.set(source.id, source.file);

  const outcome: SyncOutcome = {
    version,
    rebuilt,
    sent: [],
    removed: [],
    unchanged: 0,
    paragraphs: 0,
    problems: [],
    contentHash: '',
  };
  const writer = new BulkWriter(client);
  const reportFiles = listed.filter((f) => holdsReports(f) || path.basename(f) === SYNONYMS_FILE);
  for (const file of reportFiles) {
    const name = path.basename(file);
    const hash = hashes.get(name)!;
    if (sentBefore.get(name) === hash) {
      outcome.unchanged++;
      continue;
    }
    let reports: ReportSource[];
    try {
      reports = holdsReports(file) ? readContentFile(file).reports : [];
      const taken = reports.find((r) => owner.has(r.id) && owner.get(r.id) !== name && hashes.has(owner.get(r.id)!));
      if (taken) throw new Error(`the report id "${taken.id}" is already ${owner.get(taken.id)}'s`);
      const ids = new Set<string>();
      for (const r of reports) {
        if (ids.has(r.id)) throw new Error(`two reports share the id "${r.id}"`);
        ids.add(r.id);
      }
    } catch (err) {
      outcome.problems.push({ file: name, reason: (err as Error).message });
      continue;
    }
    let paragraphs = 0;
    for (const [at, report] of reports.entries()) {
      const { summary, paragraphs: docs } = documentsOf(report, name, hash, at);
      await writer.index(target('reports'), report.id, summary);
      for (const doc of docs) await writer.index(target('paragraphs'), `${report.id}/${doc.id}`, doc, report.id);
      owner.set(report.id, name);
      paragraphs += docs.length;
    }
    await writer.flush();
    // What the file held before and holds no more: its documents not written by this hash.
    for (const kind of ['paragraphs', 'reports'] as const)
      await client.deleteByQuery({
        index: target(kind),
        refresh: false,
        conflicts: 'proceed',
        body: { query: { bool: { filter: [{ term: { file: name } }], must_not: [{ term: { fhash: hash } }] } } },
      });
    await writer.index(target('files'), name, { name, hash, reports: reports.length, paragraphs });
    outcome.sent.push(name);
    outcome.paragraphs += paragraphs;
  }
  for (const name of sentBefore.keys()) {
    if (hashes.has(name)) continue;
    for (const kind of ['paragraphs', 'reports'] as const)
      await client.deleteByQuery({
        index: target(kind),
        refresh: false,
        conflicts: 'proceed',
        body: { query: { term: { file: name } } },
      });
    await client.delete({ index: target('files'), id: name });
    outcome.removed.push(name);
  }
  outcome.contentHash = createHash('sha256')
    .update([...hashes].map(([n, h]) => `${n}\0${h}`).join('\n'))
    .digest('hex');
  await writer.index(target('files'), META_ID, {
    name: META_ID,
    hash: outcome.contentHash,
    builtAt: new Date().toISOString(),
  });
  await writer.flush();
  await client.indices.refresh({ index: INDEX_KINDS.map(target).join(',') });

  if (rebuilt) {
    const actions: object[] = [];
    for (const kind of INDEX_KINDS) {
      const old = await aliasTarget(client, names.alias(kind));
      if (old) actions.push({ remove: { index: old, alias: names.alias(kind) } });
      actions.push({ add: { index: target(kind), alias: names.alias(kind) } });
    }
    await client.indices.updateAliases({ body: { actions } });
    const ours = new RegExp(`^${names.prefix}-(${INDEX_KINDS.join('|')})-[0-9a-f]{12}$`);
    const stale = Object.keys((await client.indices.get({ index: `${names.prefix}-*` })).body).filter(
      (index) => ours.test(index) && !INDEX_KINDS.some((kind) => index === target(kind)),
    );
    if (stale.length) await client.indices.delete({ index: stale.join(',') });
    log(`opensearch: indexes ${version} in service`);
  }
  log(
    `opensearch: ${outcome.sent.length} files sent, ${outcome.removed.length} removed, ${outcome.unchanged} unchanged, ${outcome.paragraphs} paragraphs`,
  );
  return outcome;
}
