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

/** Administrative levels a report's publisher can be at. */
export const LEVELS = ['国家', '省', '市', '县'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * The report fields a collection is filtered, counted and bucketed by, beside its year: one table,
 * read by the request schemas, the engine's filters and facets, the trends, the page's URL state and
 * its filter chips, so a new field is one entry here. `param` is the request parameter (repeatable,
 * OR within it), `facet` the name of its facet and its echo in an answer, `label` the page's word;
 * a `prefix` field matches every value that begins with the one asked for (四川省 → 四川省资阳市).
 */
export const REPORT_FIELDS = [
  { param: 'region', facet: 'regions', label: '地区', match: 'prefix' },
  { param: 'level', facet: 'levels', label: '级别', match: 'exact', values: LEVELS },
  { param: 'kind', facet: 'kinds', label: '类型', match: 'exact' },
  { param: 'source', facet: 'sources', label: '发布机关', match: 'exact' },
] as const satisfies readonly FieldSpec[];

/** What the table says of one field. */
export interface FieldSpec {
  param: string;
  facet: string;
  label: string;
  match: 'prefix' | 'exact';
  /** The values it may take, when they are fixed. */
  values?: readonly string[];
}

/** A report field by its parameter name. */
export type ReportField = (typeof REPORT_FIELDS)[number]['param'];
/** A report field's facet name, as an answer names it. */
export type FieldFacet = (typeof REPORT_FIELDS)[number]['facet'];
/** The parameter names of the report fields, in table order. */
export const FIELD_PARAMS = REPORT_FIELDS.map((f) => f.param) as ReportField[];

/** The facets a search counts: by the year a report covers, then each report field. */
export const FACETS = ['years', ...REPORT_FIELDS.map((f) => f.facet)] as ['years', ...FieldFacet[]];
export type Facet = 'years' | FieldFacet;

/** Each report field's chosen values (an empty list filters nothing), by parameter name. */
export type FieldValues = Record<ReportField, string[]>;

/** No value chosen for any field. */
export const NO_FIELD_VALUES = Object.fromEntries(FIELD_PARAMS.map((p) => [p, []])) as unknown as FieldValues;

/** Kinds of report the service knows by name; any other word of the user's own is taken as well. */
export const KNOWN_KINDS = ['政府工作报告', '政协工作报告', '人大常委会工作报告', '综述'];

/** Longest region or kind accepted: a region is a chain of place names, a kind a few words. */
export const MAX_META_LENGTH = 40;

/** A report's descriptive fields beyond its title, date and publisher (all optional). */
export interface ReportMeta {
  /** Where it comes from, largest place first (`四川省资阳市`). */
  region?: string;
  /** The level of government or CPPCC that issued it. */
  level?: Level;
  /** What kind of report it is (`政府工作报告`, or the user's own word). */
  kind?: string;
  /** The year it covers, when not its date's (2023 for a 2023 review published in 2024). */
  year?: number;
}

/**
 * Checks the descriptive fields as content gives them (all strings, from front matter or JSON);
 * returns them typed, or the message for the first that is wrong.
 */
export function readMeta(values: {
  region?: string | null;
  level?: string | null;
  kind?: string | null;
  year?: string | number | null;
}): ReportMeta | string {
  const meta: ReportMeta = {};
  for (const key of ['region', 'kind'] as const) {
    const value = values[key]?.trim();
    if (!value) continue;
    if (value.length > MAX_META_LENGTH) return `${key} is longer than ${MAX_META_LENGTH} characters`;
    if (/\s/.test(value)) return `${key} "${value}" must be one word, without spaces`;
    meta[key] = value;
  }
  const level = values.level?.trim();
  if (level) {
    if (!(LEVELS as readonly string[]).includes(level)) return `level "${level}" is not one of ${LEVELS.join(', ')}`;
    meta.level = level as Level;
  }
  const year = values.year === null || values.year === undefined ? '' : String(values.year).trim();
  if (year) {
    if (!/^\d{4}$/.test(year) || Number(year) < 1900) return `year "${year}" is not a year such as 2023`;
    meta.year = Number(year);
  }
  return meta;
}

/** Chinese digits in a year as titles write them (二〇二三); 零 is 〇 too. */
const CHINESE_DIGITS = '〇一二三四五六七八九';
/** A year in a title: 2023 or 二〇二三 (the latter only before 年). */
export const TITLE_YEAR = /(?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3}(?=年)/u;

/** The year a title names, or null. */
export function titleYear(title: string): number | null {
  const m = TITLE_YEAR.exec(title);
  if (!m) return null;
  return /^\d/.test(m[0])
    ? Number(m[0])
    : Number(Array.from(m[0], (c) => Math.max(0, CHINESE_DIGITS.indexOf(c))).join(''));
}
