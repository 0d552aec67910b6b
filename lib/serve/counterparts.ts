/**
 * Which report to compare a report with: the same kind of report one year earlier (its title with
 * the year one less: 青溪县2023年政府工作报告 → 青溪县2022年政府工作报告), or any report found by
 * its title.
 */
import { TITLE_YEAR, titleYear } from '../content/fields';
import type { SearchIndex } from '../index/model';
import { reportTexts } from '../query/tree';
import { normalize } from '../text/normalize';
import { catalogEntry, type CatalogEntry } from './catalog';

/** A title with its year taken out: titles of the same kind of report in different years share it. */
function kindKey(title: string): string | null {
  return TITLE_YEAR.test(title) ? normalize(title.replace(TITLE_YEAR, '#')) : null;
}

/** Each index's reports by kind key, with their years, worked out once. */
const kinds = new WeakMap<SearchIndex, Map<string, { report: number; year: number }[]>>();

function byKind(index: SearchIndex) {
  let map = kinds.get(index);
  if (!map) {
    map = new Map();
    for (let i = 0; i < index.reports.count; i++) {
      const { title } = index.reports.get(i);
      const key = kindKey(title);
      const year = titleYear(title);
      if (key === null || year === null) continue;
      const same = map.get(key);
      if (same) same.push({ report: i, year });
      else map.set(key, [{ report: i, year }]);
    }
    kinds.set(index, map);
  }
  return map;
}

/** The same kind of report one year earlier (or the latest earlier one), as a list entry; null when there is none. */
export function earlierReport(index: SearchIndex, report: number): CatalogEntry | null {
  const { title } = index.reports.get(report);
  const key = kindKey(title);
  const year = titleYear(title);
  if (key === null || year === null) return null;
  const earlier = (byKind(index).get(key) ?? [])
    .filter((r) => r.year < year)
    .sort((x, y) => y.year - x.year || x.report - y.report)[0];
  return earlier ? catalogEntry(index, earlier.report) : null;
}

/** Reports whose title contains `text` (normalised, so 報告 finds 报告), at most `limit`, in content order. */
export function reportsTitled(index: SearchIndex, text: string, limit: number): CatalogEntry[] {
  const needle = normalize(text.trim());
  if (!needle) return [];
  // The titles normalised once per index, as title: searches them.
  const { titles } = reportTexts(index);
  const out: CatalogEntry[] = [];
  for (let i = 0; i < titles.length && out.length < limit; i++)
    if (titles[i]!.includes(needle)) out.push(catalogEntry(index, i));
  return out;
}
