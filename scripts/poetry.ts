/**
 * `npm run poetry`: the benchmark corpus. Fetches chinese-poetry@2.0.1 with `npm pack` into
 * .cache/poetry (never a dependency, never committed), converts 全唐诗 and 全宋诗 to JSON Lines — a
 * poem is a document, a line is a paragraph — and writes the full corpus and a 10% sample, each in
 * its own content folder for CONTENT_DIR.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const CACHE = path.resolve('.cache/poetry');
const PACKAGE = 'chinese-poetry@2.0.1';

/**
 * BENCH_SMOKE=1: the corpora made from the first SMOKE_FILES source files only (about 2,000 poems),
 * in a folder of their own, so that CI runs every bench once in minutes and none can rot unnoticed.
 */
export const SMOKE = Boolean(process.env.BENCH_SMOKE);
const SMOKE_FILES = 2;
const CORPORA = SMOKE ? path.join(CACHE, 'smoke') : CACHE;

/**
 * Where the converted corpora are: every line a paragraph (full, and a 10% sample), and the same
 * text in report-length paragraphs (long: each source file a document, its poems' lines joined in
 * order into paragraphs of about LONG_PARAGRAPH characters, the shape of real reports).
 */
export const POETRY_DIRS = {
  full: path.join(CORPORA, 'full'),
  sample: path.join(CORPORA, 'sample'),
  long: path.join(CORPORA, 'long'),
};

/** The 10× corpus (prepareTenfold): ten files, each every poem again with its lines re-paired. */
export const TENFOLD_DIR = path.join(CORPORA, 'tenfold');
const TENFOLD = 10;

/** Characters a long paragraph reaches before the next begins. */
const LONG_PARAGRAPH = 300;

/**
 * Report fields for the collection features' bench, made up but reproducible: the source files in
 * order spread over the years 1950–2025 (a work report's year: content takes none before 1900), so
 * a trend has 76 years; each author a region and a level (by a hash of the name) and the publisher;
 * each dynasty a kind. Bump METADATA when they change: the corpus is then converted again.
 */
const METADATA = 2;
const YEARS = [1950, 2025];
const REGIONS = ['关内道', '河南道', '河东道', '河北道', '山南道', '陇右道', '淮南道', '江南道', '剑南道', '岭南道'];
const LEVELS = ['国家', '省', '市', '县'];

/** A string's hash, for a reproducible choice by it. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

interface Poem {
  author: string;
  title: string;
  paragraphs: string[];
}

function fetchPackage(): string {
  const source = path.join(CACHE, 'package', 'dist', 'quantangshi');
  if (existsSync(source)) return source;
  mkdirSync(CACHE, { recursive: true });
  console.log(`poetry: npm pack ${PACKAGE}`);
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: CACHE, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  execFileSync('tar', ['xzf', tarball, 'package/dist/quantangshi'], { cwd: CACHE });
  return source;
}

/** Converts the poems to JSON Lines documents; every tenth poem also goes to the sample. */
export function preparePoetry(): typeof POETRY_DIRS {
  const marker = path.join(CORPORA, `metadata-${METADATA}`);
  if (existsSync(marker) && Object.values(POETRY_DIRS).every((dir) => existsSync(path.join(dir, 'poetry.jsonl'))))
    return POETRY_DIRS;
  const source = fetchPackage();
  const files = readdirSync(source)
    .filter((f) => /^poet\.(tang|song)\.\d+\.json$/.test(f))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .slice(0, SMOKE ? SMOKE_FILES : undefined);
  const full: string[] = [];
  const sample: string[] = [];
  const long: string[] = [];
  for (const file of files) {
    const dynasty = file.split('.')[1]!;
    const year = YEARS[0]! + Math.floor((files.indexOf(file) * (YEARS[1]! - YEARS[0]! + 1)) / files.length);
    const kind = dynasty === 'tang' ? '唐诗' : '宋诗';
    const poems = JSON.parse(readFileSync(path.join(source, file), 'utf8')) as Poem[];
    const paragraphs: string[] = [];
    let paragraph = '';
    for (const line of poems.flatMap((p) => p.paragraphs.map((l) => l.trim()).filter(Boolean))) {
      paragraph += line;
      if (paragraph.length >= LONG_PARAGRAPH) {
        paragraphs.push(paragraph);
        paragraph = '';
      }
    }
    if (paragraph) paragraphs.push(paragraph);
    if (paragraphs.length)
      long.push(
        JSON.stringify({ id: file.replace(/\.json$/, '').replaceAll('.', '-'), title: file, year, kind, paragraphs }),
      );
    for (const poem of poems) {
      const lines = poem.paragraphs.map((l) => l.trim()).filter(Boolean);
      if (lines.length === 0) continue;
      const n = full.length;
      const author = poem.author || '佚名';
      const line = JSON.stringify({
        id: `${dynasty}-${n}`,
        title: `${poem.title || '无题'}（${author}）`,
        source: author,
        region: REGIONS[hash(author) % REGIONS.length],
        level: LEVELS[hash(`${author}级`) % LEVELS.length],
        kind,
        year,
        paragraphs: lines,
      });
      full.push(line);
      if (n % 10 === 0) sample.push(line);
    }
  }
  for (const [dir, lines] of [
    [POETRY_DIRS.full, full],
    [POETRY_DIRS.sample, sample],
    [POETRY_DIRS.long, long],
  ] as const) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'poetry.jsonl'), lines.join('\n') + '\n');
  }
  writeFileSync(marker, '');
  console.log(
    `poetry: ${full.length} poems → ${POETRY_DIRS.full}, ${sample.length} → ${POETRY_DIRS.sample}, ` +
      `${long.length} documents of long paragraphs → ${POETRY_DIRS.long}`,
  );
  return POETRY_DIRS;
}

/** A line's two halves: at its middle comma when it has one (most have), else at its middle. */
function halves(line: string): [string, string] {
  const chars = Array.from(line);
  let cut = chars.findIndex((c, i) => c === '，' && Math.abs(i + 1 - chars.length / 2) <= chars.length / 4);
  cut = cut < 0 ? Math.floor(chars.length / 2) : cut + 1;
  return [chars.slice(0, cut).join(''), chars.slice(cut).join('')];
}

/**
 * Ten times poetry, made reproducibly from it: copy k of every poem pairs the first half of each of
 * its lines with the second half of a line of another poem (the one k × 7919 poems on), so
 * paragraphs keep their length and the vocabulary and character statistics stay those of the
 * poems; ids and titles are marked with k. One file per copy: each stays under the content
 * folder's file size limit.
 */
export function prepareTenfold(): string {
  const dirs = preparePoetry();
  const marker = path.join(TENFOLD_DIR, `made-${METADATA}`);
  if (existsSync(marker)) return TENFOLD_DIR;
  mkdirSync(TENFOLD_DIR, { recursive: true });
  const poems = readFileSync(path.join(dirs.full, 'poetry.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; title: string; paragraphs: string[] } & Record<string, unknown>);
  for (let k = 1; k <= TENFOLD; k++) {
    const out: string[] = [];
    poems.forEach((poem, i) => {
      const other = poems[(i + k * 7919) % poems.length]!.paragraphs;
      const paragraphs = poem.paragraphs.map(
        (line, l) => halves(line)[0] + halves(other[l % other.length]!)[1] || line,
      );
      out.push(JSON.stringify({ ...poem, id: `${poem.id}-x${k}`, title: `${poem.title}·${k}`, paragraphs }));
    });
    writeFileSync(path.join(TENFOLD_DIR, `poetry-${String(k).padStart(2, '0')}.jsonl`), out.join('\n') + '\n');
  }
  writeFileSync(marker, '');
  console.log(`poetry: ${poems.length * TENFOLD} poems, ten pairings of every line → ${TENFOLD_DIR}`);
  return TENFOLD_DIR;
}

if (process.argv[1]?.endsWith('poetry.ts')) {
  preparePoetry();
  if (process.argv.includes('--tenfold')) prepareTenfold();
}
