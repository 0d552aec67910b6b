/**
 * A reproducible mix of queries drawn from the corpus itself, shared by `npm run bench` and
 * `npm run load`: substrings of 1–6 characters, jieba words, two-term queries, rare long
 * substrings and the most common single characters.
 */
import { wordTokens } from '@/lib/text/tokenize';

/** mulberry32: a small seeded PRNG, so every run draws the same mix. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDLIKE = /^[\p{L}\p{N}]+$/u;

/** `count` queries from `texts` (normalised paragraphs), the same for the same inputs and seed. */
export function queryMix(texts: string[], count: number, seed = 20230101): string[] {
  const rand = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const substring = (min: number, max: number): string => {
    for (let tries = 0; tries < 50; tries++) {
      const chars = Array.from(pick(texts));
      const length = min + Math.floor(rand() * (max - min + 1));
      if (chars.length < length) continue;
      const at = Math.floor(rand() * (chars.length - length + 1));
      const s = chars.slice(at, at + length).join('');
      if (WORDLIKE.test(s)) return s;
    }
    return Array.from(pick(texts))[0] ?? '的';
  };
  const frequency = new Map<string, number>();
  for (let i = 0; i < Math.min(texts.length, 20_000); i++) {
    for (const ch of pick(texts)) if (WORDLIKE.test(ch)) frequency.set(ch, (frequency.get(ch) ?? 0) + 1);
  }
  const common = [...frequency]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([ch]) => ch);
  const out: string[] = [];
  while (out.length < count) {
    const kind = out.length % 10;
    if (kind <= 3)
      out.push(substring(1 + kind, 3 + kind)); // 1–6 characters
    else if (kind <= 5) out.push(pick(wordTokens(pick(texts)).filter((w) => w.length > 1)) ?? substring(2, 2));
    else if (kind === 6) out.push(`${substring(2, 3)} ${substring(1, 2)}`);
    else if (kind === 7)
      out.push(substring(6, 8)); // rare
    else out.push(pick(common) ?? substring(1, 1)); // very common
  }
  return out;
}

/**
 * `count` terms of `length` characters taken at positions drawn uniformly over all the text, so a
 * term comes up as often as it occurs — common trigrams as often as readers meet (and type) them.
 * The mix above draws a paragraph first and so favours rare strings of short paragraphs.
 */
export function positionalMix(texts: string[], count: number, length = 3, seed = 20240101): string[] {
  const rand = random(seed);
  const ends = new Float64Array(texts.length);
  let total = 0;
  texts.forEach((t, i) => (ends[i] = total += t.length));
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const at = Math.floor(rand() * total);
    let lo = 0;
    let hi = texts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    const text = texts[lo]!;
    const start = at - (ends[lo]! - text.length);
    const term = Array.from(text.slice(start, start + length * 2))
      .slice(0, length)
      .join('');
    if (Array.from(term).length === length && WORDLIKE.test(term)) out.push(term);
  }
  return out;
}

/** The most common characters of a sample of the texts, commonest first. */
function commonCharacters(texts: string[], rand: () => number, n: number): string[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < 2000; i++) {
    for (const c of texts[Math.floor(rand() * texts.length)]!)
      if (WORDLIKE.test(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([c]) => c);
}

/**
 * `count` expert queries from `texts`, the same for the same inputs and seed: ANDs and ORs of 2–6
 * terms taken from the text (1–4 characters), ORs of common characters, exclusions, and NEAR/5 and
 * SENT pairs taken from one paragraph, so that they sometimes hold.
 */
export function expertMix(texts: string[], count: number, seed = 20250101): string[] {
  const rand = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const common = commonCharacters(texts, rand, 30);
  const piece = (text = pick(texts), at = Math.floor(rand() * text.length), length = 1 + Math.floor(rand() * 4)) => {
    const term = Array.from(text.slice(at, at + length * 2))
      .slice(0, length)
      .join('');
    return WORDLIKE.test(term) ? term : null;
  };
  const terms = (n: number) => Array.from({ length: n }, () => piece()).filter((t): t is string => t !== null);
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const kind = Math.floor(rand() * 5);
    let q: string | null = null;
    if (kind === 0) {
      const ts = terms(2 + Math.floor(rand() * 5));
      if (ts.length >= 2) q = ts.join(rand() < 0.5 ? ' OR ' : ' ');
    } else if (kind === 1) {
      const cs = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(common));
      const rest = terms(1);
      q = `(${cs.join(' OR ')})${rest.length ? ` ${rest[0]}` : ''}`;
    } else if (kind === 2) {
      const ts = terms(3);
      if (ts.length === 3) q = `(${ts[0]} OR ${ts[1]}) -${ts[2]}`;
    } else {
      // A pair from one paragraph, a few characters apart.
      const text = pick(texts);
      const at = Math.floor(rand() * text.length);
      const a = piece(text, at, 1 + Math.floor(rand() * 2));
      const b = a ? piece(text, at + a.length + Math.floor(rand() * 8), 1 + Math.floor(rand() * 2)) : null;
      if (a && b) q = kind === 3 ? `${a} NEAR/5 ${b}` : `${a} SENT ${b}`;
    }
    if (q) out.push(q);
  }
  return out;
}

/** The pieces random "operator soups" are made of: every operator, bracket, quote and field, and a few terms. */
export const SOUP_PIECES = [
  'OR',
  'AND',
  'NOT',
  '-',
  '|',
  '(',
  ')',
  '（',
  '）',
  '"',
  'NEAR/3',
  'NEAR',
  'SENT',
  'title:',
  'year:',
  'foo:',
  ' ',
];
