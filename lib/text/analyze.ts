/** What the build does to each paragraph: normalise, segment, hash. */
import { createHash } from 'node:crypto';
import { normalize } from './normalize';
import { wordTokens } from './tokenize';

/** Separates pre-computed word tokens; it never occurs in normalised text tokens. */
export const TOKEN_SEPARATOR = '\u0001';

/** Hex digits of a paragraph id's hash: 40 bits, so ids stay short in URLs and unique within a report. */
const PARAGRAPH_HASH_HEX = 10;

/**
 * Paragraph ids hash the report id and the paragraph's text, so they survive rebuilds and edits
 * elsewhere in the report; a repeated paragraph gets a -2, -3 … suffix in reading order (see
 * IndexBuilder.add).
 */
export function paragraphHash(reportId: string, text: string): string {
  return (
    'p-' +
    createHash('sha1')
      .update(reportId + '\n' + text)
      .digest('hex')
      .slice(0, PARAGRAPH_HASH_HEX)
  );
}

/** A paragraph's analysis: its normalised text, its jieba words joined by TOKEN_SEPARATOR and how many, its hash. */
export interface Analysis {
  norm: string;
  tokens: string;
  count: number;
  hash: string;
}

/** Analyses one paragraph of a report. */
export function analyze(reportId: string, text: string): Analysis {
  const norm = normalize(text);
  const words = wordTokens(norm);
  return { norm, tokens: words.join(TOKEN_SEPARATOR), count: words.length, hash: paragraphHash(reportId, text) };
}
