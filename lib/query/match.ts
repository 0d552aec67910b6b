/** Looking a query's terms up in the indexes: where each matches literally and as words. */
import { literalCandidates } from '../index/grams';
import type { SearchIndex } from '../index/model';
import { EMPTY, intersectAll, Membership, union, unionAll, type Scratch } from '../index/postings';
import { lookUpWord } from '../index/words';
import { codePointLength } from '../text/tokenize';
import { idf } from './bm25';
import type { Expansion, QueryTerm } from './parse';

/** A jieba word of a term, as looked up in the word index. */
export interface TermPart {
  /** The word. */
  text: string;
  /** Paragraphs holding it as a token. */
  postings: Membership;
  /** Its idf over the index. */
  idf: number;
  /** The word as UTF-8, to count it in stored paragraphs without decoding them. */
  bytes: Uint8Array;
}

/** Where an expansion of a term (a pinyin reading's words, a synonym) occurs. */
export interface ExpansionMatch {
  expansion: Expansion;
  literal: Membership;
  /**
   * How likely the term means this expansion, 0–1: its paragraphs over those of the term's
   * commonest expansion. An input method offers the commonest reading first (zx: 政协 before
   * 中心); BM25's idf alone would rank the rarest first.
   */
  prior: number;
  bytes: Uint8Array;
}

/** Where one positive term matched: as a substring, and as all of its jieba words. */
export interface TermMatch {
  term: QueryTerm;
  /** Paragraphs containing the term's normalised text. */
  literal: Membership;
  /** Paragraphs holding every word of the term as a jieba token. */
  word: Membership;
  /** Paragraphs matching the term itself, either way. */
  direct: Membership;
  /** Paragraphs matching the term or one of its expansions: what the query needs. */
  any: Uint32Array;
  /** The term's expansions, each looked up as a substring. */
  expansions: ExpansionMatch[];
  /** The term's jieba words, each looked up. */
  parts: TermPart[];
  /** idf of the term as a substring. */
  literalIdf: number;
  /** idf of the term with its expansions: what a paragraph matching only an expansion is weighed by. */
  anyIdf: number;
  /** The term's normalised text as UTF-8, to count it in stored paragraphs without decoding them. */
  bytes: Uint8Array;
}

/** Looks terms up in the indexes; one instance per query so postings are fetched once. */
export class Matcher {
  private readonly cache = new Map<string, Uint32Array>();
  private readonly n: number;

  constructor(
    readonly index: SearchIndex,
    private readonly scratch: Scratch,
  ) {
    this.n = index.paragraphs.count;
  }

  /** Paragraphs with `word` among their tokens. */
  word(word: string): Uint32Array {
    return this.cached(`w:${word}`, () => lookUpWord(this.index.wordIndex, word, this.n));
  }

  /**
   * Paragraphs whose normalised text contains `text`: the gram index gives the candidates, and a
   * substring check confirms those of three characters or more.
   */
  literal(text: string): Uint32Array {
    return this.cached(`l:${text}`, () => {
      const candidates = literalCandidates(this.index.grams, text, this.scratch);
      if (codePointLength(text) <= 2) return candidates;
      const { norms } = this.index.paragraphs;
      const needle = Buffer.from(text);
      const out = this.scratch.take(candidates.length);
      let n = 0;
      for (let i = 0; i < candidates.length; i++) if (norms.includes(candidates[i]!, needle)) out[n++] = candidates[i]!;
      return out.subarray(0, n);
    });
  }

  /** Where a positive term matches, literally and as words. */
  match(term: QueryTerm): TermMatch {
    const literal = this.literal(term.text);
    const parts = term.words.map((w) => {
      const postings = this.word(w);
      return { text: w, postings: new Membership(postings), idf: idf(postings.length, this.n), bytes: Buffer.from(w) };
    });
    const word = parts.length
      ? intersectAll(
          parts.map((w) => w.postings.ids),
          this.scratch,
        )
      : EMPTY;
    // A paragraph holding the whole term as one of its words contains it as typed, so then the
    // word matches are a subset of the literal ones: the common case, and no union to make.
    const direct = parts.length === 0 || term.words.includes(term.text) ? literal : union(literal, word, this.scratch);
    const found = term.expansions.map((expansion) => ({ expansion, ids: this.literal(expansion.text) }));
    const any = found.length ? unionAll([direct, ...found.map((e) => e.ids)], this.scratch) : direct;
    const commonest = Math.max(1, ...found.map((e) => e.ids.length));
    return {
      term,
      literal: new Membership(literal),
      word: new Membership(word),
      direct: new Membership(direct),
      any,
      expansions: found.map(({ expansion, ids }) => ({
        expansion,
        literal: new Membership(ids),
        prior: ids.length / commonest,
        bytes: Buffer.from(expansion.text),
      })),
      parts,
      literalIdf: idf(literal.length, this.n),
      anyIdf: idf(any.length, this.n),
      bytes: Buffer.from(term.text),
    };
  }

  private cached(key: string, load: () => Uint32Array): Uint32Array {
    let ids = this.cache.get(key);
    if (!ids) this.cache.set(key, (ids = load()));
    return ids;
  }
}
