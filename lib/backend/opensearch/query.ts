/**
 * A parsed query (query/parse.ts) in the cluster's query language, matching exactly what the
 * embedded engine matches: a positive term where its normalised text occurs (literalQuery) or
 * where every one of its jieba words is a token; a phrase where it occurs; an exclusion, and a
 * term under NOT, where it occurs literally. Fields (title:, source:, year:, section:) select
 * reports and sections, which the catalogue works out here and names to the cluster.
 */
import type { CollectionFilters } from '../../api/params';
import type { ParsedQuery, QueryNode, QueryTerm } from '../../query/parse';
import { tableTest } from '../../query/collection';
import { normalize } from '../../text/normalize';
import type { Catalogue } from './catalogue';
import { literalQuery, type ClusterQuery } from './mapping';

const NOTHING: ClusterQuery = { match_none: {} };

/** Where a positive term matches itself: literally, or as all of its words. */
export function directQuery(term: QueryTerm): ClusterQuery {
  const literal = literalQuery(term.text);
  // A paragraph holding the whole term as one word contains it as typed: the literal match covers it.
  if (term.kind === 'phrase' || term.words.length === 0 || term.words.includes(term.text)) return literal;
  const words: ClusterQuery = { bool: { filter: term.words.map((w) => ({ term: { words: w } })) } };
  return { bool: { should: [literal, words], minimum_should_match: 1 } };
}

/** The query's positive terms, in order. */
export function positiveTerms(parsed: ParsedQuery): QueryTerm[] {
  return parsed.terms.filter((t) => t.kind !== 'exclude');
}

/**
 * What a query matches, before any filter. A plain query: every positive term and no exclusion;
 * with `partial`, any positive term (a search's fallback when nothing holds them all).
 */
export function matchQuery(
  parsed: ParsedQuery,
  catalogue: Catalogue,
  partial = false,
  pairs: Pairs = new Map(),
): ClusterQuery {
  if (parsed.tree) return treeQuery(parsed, parsed.tree, catalogue, pairs);
  const positive = positiveTerms(parsed).map(directQuery);
  const excluded = parsed.terms.filter((t) => t.kind === 'exclude').map((t) => literalQuery(t.text));
  if (positive.length === 0) return NOTHING;
  return {
    bool: {
      ...(partial ? { should: positive, minimum_should_match: 1 } : { filter: positive }),
      ...(excluded.length && { must_not: excluded }),
    },
  };
}

/** A year or a span of years (2023, 2020-2023) as [from, to], or null. */
function yearSpan(value: string): [number, number] | null {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(value);
  if (!m) return null;
  const [a, b] = [Number(m[1]), m[2] === undefined ? Number(m[1]) : Number(m[2])];
  return a <= b ? [a, b] : [b, a];
}

/** The reports (by id) a field selects, or for section:, the sections of each. */
function fieldQuery(node: QueryNode & { op: 'field' }, catalogue: Catalogue): ClusterQuery {
  const { reports, titles, table } = catalogue;
  if (node.field === 'section') {
    const should: ClusterQuery[] = [];
    reports.forEach((r) => {
      const sections = r.sections.flatMap((s, k) => (normalize(s).includes(node.value) ? [k] : []));
      if (sections.length)
        should.push({ bool: { filter: [{ term: { report: r.id } }, { terms: { section: sections } }] } });
    });
    return should.length ? { bool: { should, minimum_should_match: 1 } } : NOTHING;
  }
  const years = node.field === 'year' ? yearSpan(node.value) : null;
  const ids = reports.flatMap((r, at) => {
    let hit: boolean;
    if (node.field === 'title') hit = titles[at]!.includes(node.value);
    else if (node.field === 'source') hit = normalize(r.source ?? '').includes(node.value);
    else {
      const year = table.years[at] ?? NaN;
      hit = years !== null && year >= years[0] && year <= years[1];
    }
    return hit ? [r.id] : [];
  });
  return ids.length ? { terms: { report: ids } } : NOTHING;
}

/** NEAR and SENT pairs of a tree, each as the paragraphs it was found in (the searcher checks them: searcher.ts). */
export type Pairs = Map<QueryNode, ClusterQuery>;

/** What the k-th term of a tree finds: a positive term itself, one under NOT where it occurs literally. */
export function treeTerm(parsed: ParsedQuery, k: number): ClusterQuery {
  const t = parsed.terms[k]!;
  return t.kind === 'exclude' ? literalQuery(t.text) : directQuery(t);
}

/** The paragraphs whose ids are given (as the indexer names them: report/paragraph), or none. */
export function idsQuery(ids: string[]): ClusterQuery {
  return ids.length ? { ids: { values: ids } } : NOTHING;
}

/** An expert query's tree: AND, OR, NOT, fields, and NEAR and SENT pairs as `pairs` resolved them. */
function treeQuery(parsed: ParsedQuery, node: QueryNode, catalogue: Catalogue, pairs: Pairs): ClusterQuery {
  const term = (k: number) => treeTerm(parsed, k);
  switch (node.op) {
    case 'term':
      return term(node.term);
    case 'field':
      return fieldQuery(node, catalogue);
    case 'not':
      return { bool: { must_not: [treeQuery(parsed, node.child, catalogue, pairs)] } };
    case 'or':
      return {
        bool: { should: node.children.map((c) => treeQuery(parsed, c, catalogue, pairs)), minimum_should_match: 1 },
      };
    case 'and':
      return { bool: { filter: node.children.map((c) => treeQuery(parsed, c, catalogue, pairs)) } };
    case 'near':
    case 'sent': {
      const found = pairs.get(node);
      if (!found) throw new Error('opensearch: a NEAR or SENT pair was not resolved before its query was made');
      return found;
    }
  }
}

/**
 * The filters as the cluster applies them: the report and section asked for, and the reports
 * whose fields pass (worked out from the catalogue by the embedded engine's own test).
 */
export function filterClauses(filters: CollectionFilters, catalogue: Catalogue): ClusterQuery[] {
  const clauses: ClusterQuery[] = [];
  if (filters.report !== null) clauses.push({ term: { report: filters.report } });
  if (filters.section !== null) clauses.push({ term: { heading: filters.section } });
  const test = tableTest(catalogue.table, filters);
  if (test) {
    const ids = catalogue.reports.flatMap((r, at) => (test(at) ? [r.id] : []));
    clauses.push(ids.length ? { terms: { report: ids } } : NOTHING);
  }
  return clauses;
}
