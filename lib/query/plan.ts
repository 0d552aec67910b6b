/**
 * A query tied to an index (tantivy's Weight): its terms expanded once (pinyin readings, synonyms),
 * its positive terms looked up once, the paragraphs it matches found once — each on first use, so a
 * search served from a stored answer looks nothing up. Collectors (collect.ts, order.ts) read it.
 */
import type { Ranked, SearchIndex } from '../index/model';
import { difference, EMPTY, intersectAll, unionAll, type Scratch } from '../index/postings';
import { expandQuery } from './expand';
import { applyFilters, type Filters } from './facets';
import { Matcher, type TermMatch } from './match';
import type { ParsedQuery, QueryNode, QueryTerm } from './parse';
import { kindsOf, scoreParagraph } from './score';
import { evaluateTree } from './tree';

/** What a query matches: the paragraphs holding it (or its tree). */
export interface Matched {
  /** Sorted. */
  ids: Uint32Array;
  /** True when no paragraph held every term and `ids` are those holding any (a search's partial results). */
  partial: boolean;
}

/** How a query is planned: whether, when no paragraph holds every term, those holding any are its matches. */
export interface PlanOptions {
  partial: boolean;
}

export class Plan {
  /** The query with its terms' expansions. */
  readonly query: ParsedQuery;
  private readonly matcher: Matcher;
  private looked: TermMatch[] | undefined;
  private found: Matched | undefined;

  /** Plans `parsed` over `index`; the plan's lists live in `scratch` until its next begin(). */
  constructor(
    readonly index: SearchIndex,
    parsed: ParsedQuery,
    readonly scratch: Scratch,
    private readonly options: PlanOptions = { partial: false },
  ) {
    scratch.begin();
    this.matcher = new Matcher(index, scratch);
    this.query = expandQuery(index, parsed, this.matcher);
  }

  /** The query's terms with their expansions. */
  get terms(): QueryTerm[] {
    return this.query.terms;
  }

  /** The expert query's tree, or none for a plain query. */
  get tree(): QueryNode | undefined {
    return this.query.tree;
  }

  /** The positive terms, looked up: where each matches literally, as words and through its expansions. */
  get matches(): TermMatch[] {
    return (this.looked ??= this.terms.filter((t) => t.kind !== 'exclude').map((t) => this.matcher.match(t)));
  }

  /**
   * The paragraphs holding every positive term and no excluded one, or the expert query's tree;
   * planned with `partial`, when none holds every term, those holding any.
   */
  get matched(): Matched {
    return (this.found ??= this.find());
  }

  private find(): Matched {
    const { matches, matcher, scratch } = this;
    if (this.tree) return { ids: evaluateTree(this.index, this.query, matches, matcher, scratch), partial: false };
    const excluded = unionAll(
      this.terms.filter((t) => t.kind === 'exclude').map((t) => matcher.literal(t.text)),
      scratch,
    );
    const any = matches.map((m) => m.any);
    const ids = matches.length ? difference(intersectAll(any, scratch), excluded, scratch) : EMPTY;
    if (ids.length > 0 || !this.options.partial || matches.length < 2) return { ids, partial: false };
    const some = difference(unionAll(any, scratch), excluded, scratch);
    return { ids: some, partial: some.length > 0 };
  }

  /**
   * Whether matches hold different numbers of terms, and those holding more rank first: an expert
   * query's (with OR, holding more ranks first), or partial results of three terms or more (of two,
   * each holds exactly one).
   */
  get mixed(): boolean {
    const { matches } = this;
    return this.tree ? matches.length > 1 : this.matched.partial && matches.length > 2;
  }

  /** The matches under `filters`, sorted. */
  filtered(filters: Filters): Uint32Array {
    return applyFilters(this.index, this.matched.ids, filters);
  }

  /** Paragraphs as ranked rows: their scores and how each term matched. The one place rows are made. */
  rows(ids: ArrayLike<number>): Ranked[] {
    const { index, matches } = this;
    return Array.from(ids, (id) => ({ id, score: scoreParagraph(index, matches, id), kinds: kindsOf(matches, id) }));
  }
}
