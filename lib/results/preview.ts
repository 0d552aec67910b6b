/** A paragraph cut for a link preview (og:description): whole clauses, about 100 characters. */

/** About how long a preview is, in characters. */
export const PREVIEW_LENGTH = 100;
/** How far past PREVIEW_LENGTH a cut may go to end a clause instead of a word. */
const PREVIEW_SLACK = 30;
const CLAUSE_END = /[。；！？!?;，,、：:]/u;

/**
 * The paragraph when it is at most `length` characters, else its first clauses up to the clause
 * boundary nearest `length` characters (at most PREVIEW_SLACK past it), then "…".
 */
export function previewText(text: string, length = PREVIEW_LENGTH): string {
  const chars = Array.from(text);
  if (chars.length <= length) return text;
  let best = -1;
  for (let i = 0; i < Math.min(chars.length, length + PREVIEW_SLACK); i++) {
    if (CLAUSE_END.test(chars[i]!) && (best === -1 || Math.abs(i + 1 - length) < Math.abs(best + 1 - length))) best = i;
  }
  const cut = best >= length / 2 ? best + 1 : length;
  return (
    chars
      .slice(0, cut)
      .join('')
      .replace(/[，,、：:；;]$/u, '') + '…'
  );
}
