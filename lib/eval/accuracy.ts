/**
 * Character accuracy of a text read by OCR against the text it was printed from: one minus the
 * edit distance (insertions, deletions, substitutions of characters) over the original's length,
 * whitespace ignored on both sides (a layout's line breaks are no reading errors).
 */

/** Levenshtein distance between two character sequences, in one row of memory. */
export function editDistance(a: string[], b: string[]): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** Share of the original's characters read right, 0–1. */
export function characterAccuracy(original: string, read: string): number {
  const chars = (text: string) => Array.from(text.replace(/\s+/g, ''));
  const truth = chars(original);
  if (truth.length === 0) return read.trim() ? 0 : 1;
  return Math.max(0, 1 - editDistance(truth, chars(read)) / truth.length);
}
