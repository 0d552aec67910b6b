import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SearchIndex } from './build';
import { exportFlex, importFlex, type FlexDump } from './flex';
import type { GramIndex } from './grams';
import type { DocRecord, ParagraphRecord } from './types';

/** Bump when the artifact's layout changes. */
export const ARTIFACT_VERSION = 5;
const FORMAT = 'report-search-index';

/** The index artifact is missing, unreadable, or from another version or content. */
export class IndexArtifactError extends Error {
  constructor(message: string) {
    super(`index: ${message}`);
    this.name = 'IndexArtifactError';
  }
}

interface Artifact {
  format: typeof FORMAT;
  version: number;
  contentHash: string;
  builtAt: string;
  avgLength: number;
  keywords: string[];
  docs: DocRecord[];
  /** Paragraphs without `norm` where it equals `text`, which is most Chinese text. */
  paragraphs: (Omit<ParagraphRecord, 'norm'> & { norm?: string })[];
  flex: FlexDump;
  /** The gram index, each typed array as base64 of its little-endian bytes. */
  grams: { keys: string; offsets: string; postings: string };
}

const toBase64 = (a: Uint32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

/** Decodes base64 into a fresh, aligned typed array (Buffer.from may return a slice of a shared pool). */
function fromBase64<T extends Uint32Array | Float64Array>(s: string, Type: { new (length: number): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = Buffer.from(s, 'base64');
  const out = new Type(bytes.byteLength / Type.BYTES_PER_ELEMENT);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function gramsFromArtifact(g: Artifact['grams']): GramIndex {
  return { keys: fromBase64(g.keys, Float64Array), offsets: fromBase64(g.offsets, Uint32Array), postings: fromBase64(g.postings, Uint32Array) };
}

/** Where the artifact lives: SEARCH_INDEX, or .index/search-index.json under the working directory. */
export function artifactPath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.SEARCH_INDEX ?? path.join('.index', 'search-index.json'));
}

/** Writes the artifact atomically: a temporary file renamed over the old one. */
export function writeArtifact(index: SearchIndex, file: string): number {
  const artifact: Artifact = {
    format: FORMAT, version: ARTIFACT_VERSION, contentHash: index.contentHash, builtAt: index.builtAt,
    avgLength: index.avgLength, keywords: index.keywords, docs: index.docs,
    paragraphs: index.paragraphs.map(({ norm, ...p }) => (norm === p.text ? p : { ...p, norm })),
    flex: exportFlex(index.flex),
    grams: { keys: toBase64(index.grams.keys), offsets: toBase64(index.grams.offsets), postings: toBase64(index.grams.postings) },
  };
  const json = JSON.stringify(artifact);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, json);
  renameSync(tmp, file);
  return Buffer.byteLength(json);
}

/** Reads the artifact header only as far as needed to tell whether it is current. */
export function readArtifactStamp(file: string): { version: number; contentHash: string } | null {
  try {
    const head = readFileSync(file, 'utf8').slice(0, 400);
    const version = /"version":(\d+)/.exec(head)?.[1];
    const contentHash = /"contentHash":"([0-9a-f]+)"/.exec(head)?.[1];
    return version && contentHash ? { version: Number(version), contentHash } : null;
  } catch {
    return null;
  }
}

/**
 * Loads the artifact. With `expectedHash`, an artifact built from other content is refused, so the
 * server never answers from a stale index.
 */
export function readArtifact(file: string, expectedHash?: string): SearchIndex {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new IndexArtifactError(`no index at ${file}; run \`npm run build:index\``);
  }
  let artifact: Artifact;
  try {
    artifact = JSON.parse(raw) as Artifact;
  } catch {
    throw new IndexArtifactError(`${file} is corrupt (not JSON); run \`npm run build:index\``);
  }
  if (artifact?.format !== FORMAT || artifact.version !== ARTIFACT_VERSION) {
    throw new IndexArtifactError(
      `${file} has format version ${String(artifact?.version)}, this server reads ${ARTIFACT_VERSION}; run \`npm run build:index\``,
    );
  }
  if (expectedHash !== undefined && artifact.contentHash !== expectedHash) {
    throw new IndexArtifactError(`${file} was built from other content; run \`npm run build:index\``);
  }
  try {
    return {
      docs: artifact.docs,
      paragraphs: artifact.paragraphs.map((p) => ({ ...p, norm: p.norm ?? p.text })),
      flex: importFlex(artifact.flex),
      grams: gramsFromArtifact(artifact.grams),
      avgLength: artifact.avgLength,
      keywords: artifact.keywords,
      contentHash: artifact.contentHash,
      builtAt: artifact.builtAt,
    };
  } catch (err) {
    throw new IndexArtifactError(`${file} is corrupt (${(err as Error).message}); run \`npm run build:index\``);
  }
}
