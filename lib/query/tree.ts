/**
 * Running an expert query's tree (parse.ts, QueryNode) over the indexes: AND intersects, OR
 * unites, NOT takes the complement, fields select reports or sections, and NEAR and SENT check
 * where the two terms sit in each paragraph holding both. The set is exact: what the literal-scan
 * oracle (lib/eval/literal-scan.ts) finds for the same tree over literal terms.
 */
import { MAX_NEAR_SCAN } from '../api/limits';
import { reportYear, type SearchIndex } from '../index/model';
import { difference, EMPTY, intersectAll, unionAll, type Scratch } from '../index/postings';
import { normalize } from '../text/normalize';
import type { TermMatch } from './match';
import type { Matcher } from './match';
import { QueryError, type ParsedQuery, type QueryNode } from './parse';
import { between, termSpans } from './spans';

/** Characters that end a sentence in normalised text (NFKC makes ！？； ASCII). */
const SENTENCE_END = /[。!?;]/gu;

/** Per index, the normalised titles and sections of its reports, made on the first field query. */
const normalisedReports = new WeakMap<SearchIndex, { titles: string[]; sections: string[][]; sources: string[] }>();

/** Each report's title, headings and publisher normalised, made once per index: what field queries and the title finder read. */
export function reportTexts(index: SearchIndex) {
  let texts = normalisedReports.get(index);
  if (!texts) {
    const titles: string[] = [];
    const sections: string[][] = [];
    const sources: string[] = [];
    for (let r = 0; r < index.reports.count; r++) {
      const report = index.reports.get(r);
      titles.push(normalize(report.title));
      sections.push(report.sections.map(normalize));
      sources.push(normalize(report.source ?? ''));
    }
    normalisedReports.set(index, (texts = { titles, sections, sources }));
  }
  return texts;
}

/** A year or a span of years, 2023 or 2020-2023, as [from, to]; null when the value is neither. */
function yearSpan(value: string): [number, number] | null {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(value);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from <= to ? [from, to] : [to, from];
}

/** Paragraphs whose report (title, year, source) or section matches a field. */
function fieldIds(index: SearchIndex, field: QueryNode & { op: 'field' }, scratch: Scratch): Uint32Array {
  // year: reads each report's year (its own, else its date's); the texts are normalised for the fields that search them.
  const texts = field.field === 'year' ? null : reportTexts(index);
  const { bounds } = index.reports;
  const out = scratch.take(index.paragraphs.count);
  let n = 0;
  const years = field.field === 'year' ? yearSpan(field.value) : null;
  for (let r = 0; r < index.reports.count; r++) {
    if (field.field === 'section') {
      const headed = texts!.sections[r]!.map((s) => s.includes(field.value));
      if (!headed.includes(true)) continue;
      const { section } = index.paragraphs.columns;
      for (let id = bounds[r]!; id < bounds[r + 1]!; id++) if (section[id]! >= 0 && headed[section[id]!]) out[n++] = id;
      continue;
    }
    let hit: boolean;
    if (field.field === 'title') hit = texts!.titles[r]!.includes(field.value);
    else if (field.field === 'source') hit = texts!.sources[r]!.includes(field.value);
    else {
      const year = reportYear(index.reports.get(r)) ?? NaN;
      hit = years !== null && year >= years[0] && year <= years[1];
    }
    if (hit) for (let id = bounds[r]!; id < bounds[r + 1]!; id++) out[n++] = id;
  }
  return out.subarray(0, n);
}

/** Sentence number of each position of a text: how many sentence ends come before it. */
function sentenceOf(text: string): (at: number) => number {
  const ends: number[] = [];
  for (const m of text.matchAll(SENTENCE_END)) ends.push(m.index);
  return (at) => {
    let [lo, hi] = [0, ends.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/**
 * Whether some occurrence of the left term and some of the right sit close: at most `distance`
 * characters between the end of one and the start of the other (either order), or, with
 * `distance` null, in one sentence. The two must be separate occurrences, not overlapping.
 */
export function near(
  norm: string,
  left: { start: number; end: number }[],
  right: { start: number; end: number }[],
  distance: number | null,
): boolean {
  const sentence = distance === null ? sentenceOf(norm) : null;
  for (const a of left)
    for (const b of right) {
      const gap = between(a, b);
      // Two occurrences, not one: 政 NEAR/0 政 needs 政 twice, "政协" SENT 政 a 政 outside 政协.
      if (gap < 0) continue;
      if (sentence ? sentence(a.start) === sentence(b.start) : gap <= distance!) return true;
    }
  return false;
}

/**
 * The refusal of a query whose NEAR and SENT pairs would check positions in more paragraphs than a
 * search may: each is read whole, so this is what such a query costs.
 */
export function tooCostly(scanned: number): QueryError {
  return new QueryError(
    'query_too_costly',
    `此查询的 NEAR/SENT 要逐段核对超过 ${MAX_NEAR_SCAN} 段：请换用更具体的词或短语，或减少 NEAR/SENT 的对数 ` +
      `(NEAR and SENT would check more than ${MAX_NEAR_SCAN} paragraphs, ${scanned} so far: use rarer terms or phrases, or fewer pairs)`,
  );
}

/**
 * The paragraphs an expert query's tree selects, sorted. Refuses (QueryError `query_too_costly`)
 * a tree whose NEAR and SENT pairs hold more than MAX_NEAR_SCAN paragraphs between them. `matches` are the query's positive terms'
 * matches, in the order of its terms without the exclusions.
 */
export function evaluateTree(
  index: SearchIndex,
  parsed: ParsedQuery,
  matches: TermMatch[],
  matcher: Matcher,
  scratch: Scratch,
): Uint32Array {
  const positive = new Map<number, TermMatch>();
  let p = 0;
  parsed.terms.forEach((t, k) => {
    if (t.kind !== 'exclude') positive.set(k, matches[p++]!);
  });
  let everything: Uint32Array | null = null;
  const all = () => {
    if (!everything) {
      everything = scratch.take(index.paragraphs.count);
      for (let i = 0; i < everything.length; i++) everything[i] = i;
    }
    return everything;
  };
  // A positive term finds what it finds in a search (as words, literally, by its expansions); one
  // under a NOT excludes where it occurs literally, as -term always has.
  const termIds = (k: number) => positive.get(k)?.any ?? matcher.literal(parsed.terms[k]!.text);
  const spans = (k: number, norm: string) => termSpans(norm, parsed.terms[k]!);

  const run = (node: QueryNode): Uint32Array => {
    switch (node.op) {
      case 'term':
        return termIds(node.term);
      case 'field':
        return fieldIds(index, node, scratch);
      case 'not':
        return difference(all(), run(node.child), scratch);
      case 'or':
        return unionAll(node.children.map(run), scratch);
      case 'and': {
        const kept = node.children.filter((c) => c.op !== 'not').map(run);
        const dropped = node.children.filter((c) => c.op === 'not').map((c) => run((c as { child: QueryNode }).child));
        const base = kept.length ? intersectAll(kept, scratch) : all();
        return dropped.length ? difference(base, unionAll(dropped, scratch), scratch) : base;
      }
      case 'near':
      case 'sent': {
        // A pair is symmetric: A SENT B and B SENT A, however often a chain repeats them, are one scan.
        const distance = node.op === 'near' ? node.distance : null;
        const key = `${Math.min(node.left, node.right)} ${Math.max(node.left, node.right)} ${distance}`;
        const known = pairs.get(key);
        if (known) return known;
        const both = intersectAll([termIds(node.left), termIds(node.right)], scratch);
        scanned += both.length;
        if (scanned > MAX_NEAR_SCAN) throw tooCostly(scanned);
        const out = scratch.take(both.length);
        let n = 0;
        for (const id of both) {
          const norm = index.paragraphs.norm(id);
          if (near(norm, spans(node.left, norm), spans(node.right, norm), distance)) out[n++] = id;
        }
        const found = n ? out.subarray(0, n) : EMPTY;
        pairs.set(key, found);
        return found;
      }
    }
  };
  const pairs = new Map<string, Uint32Array>();
  let scanned = 0;
  return run(parsed.tree!);
}
