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
 * Where the converted corpora are: every line a paragraph (full, and a 10% sample), and the same
 * text in report-length paragraphs (long: each source file a document, its poems' lines joined in
 * order into paragraphs of about LONG_PARAGRAPH characters, the shape of real reports).
 */
export const POETRY_DIRS = {
  full: path.join(CACHE, 'full'),
  sample: path.join(CACHE, 'sample'),
  long: path.join(CACHE, 'long'),
};

/** Characters a long paragraph reaches before the next begins. */
const LONG_PARAGRAPH = 300;

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
  if (Object.values(POETRY_DIRS).every((dir) => existsSync(path.join(dir, 'poetry.jsonl')))) return POETRY_DIRS;
  const source = fetchPackage();
  const files = readdirSync(source)
    .filter((f) => /^poet\.(tang|song)\.\d+\.json$/.test(f))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const full: string[] = [];
  const sample: string[] = [];
  const long: string[] = [];
  for (const file of files) {
    const dynasty = file.split('.')[1]!;
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
      long.push(JSON.stringify({ id: file.replace(/\.json$/, '').replaceAll('.', '-'), title: file, paragraphs }));
    for (const poem of poems) {
      const lines = poem.paragraphs.map((l) => l.trim()).filter(Boolean);
      if (lines.length === 0) continue;
      const n = full.length;
      const line = JSON.stringify({
        id: `${dynasty}-${n}`,
        title: `${poem.title || '无题'}（${poem.author || '佚名'}）`,
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
  console.log(
    `poetry: ${full.length} poems → ${POETRY_DIRS.full}, ${sample.length} → ${POETRY_DIRS.sample}, ` +
      `${long.length} documents of long paragraphs → ${POETRY_DIRS.long}`,
  );
  return POETRY_DIRS;
}

if (process.argv[1]?.endsWith('poetry.ts')) preparePoetry();
