/** A half-open range `[start, end)` of UTF-16 code units in a paragraph's `text`. */
export interface Range {
  /** First code unit of the match. */
  start: number;
  /** One past the last code unit of the match. */
  end: number;
}
