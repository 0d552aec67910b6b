/** What every content format shares: its error, and the rules for a report's id and date. */

/** A content file that cannot be indexed; the message names the file and line. */
export class ContentError extends Error {
  constructor(
    /** The file, as the build names it. */
    readonly file: string,
    /** 1-based line of the file where the problem is. */
    readonly line: number,
    /** What is wrong there. */
    readonly reason: string,
  ) {
    super(`content: ${file}:${line}: ${reason}`);
    this.name = 'ContentError';
  }
}

/** What a report id may look like: it is part of the report's URL. */
export const REPORT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/i;

/** A publication date as content gives it. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Turns a file name into a report id: the name without its extension, which must be URL-safe. */
export function reportIdFromFile(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  if (!REPORT_ID_PATTERN.test(base)) {
    throw new ContentError(
      file,
      1,
      `file name "${base}" must be letters, digits, - and _ (it becomes the report's URL)`,
    );
  }
  return base;
}
