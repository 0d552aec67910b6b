/**
 * What an imported report's title says of it: the year it covers, its kind, its region and
 * level. The importer fills these in, prints what it inferred, and takes flags that say otherwise.
 */
import { readMeta, titleYear, type Level, type ReportMeta } from '../fields';
import type { ReportSource } from '../types';
import { ImportError } from './draft';

/** Kinds by the words a title names them with; the first that matches wins (人大常委会 before 政协). */
const KINDS: [RegExp, string][] = [
  [/人大常委会工作报告|人民代表大会常务委员会工作报告/u, '人大常委会工作报告'],
  [/政协.*工作报告|政治协商会议.*工作报告/u, '政协工作报告'],
  [/政府工作报告/u, '政府工作报告'],
  [/综述/u, '综述'],
];

/**
 * A place that issues reports, as titles open with it: a run of characters ending in an
 * administrative suffix, before the issuing body or the year (资阳市政协, 青溪县2023年).
 */
const REGION =
  /\p{Script=Han}{1,10}?(?:自治区|自治州|自治县|省|市|州|地区|盟|县|旗|区)(?=政协|人民政府|政府|人大|人民代表大会|委员会|\d|[一二][〇零一二三四五六七八九]{3}年|工作)/u;

/** The four cities under the central government: provincial in rank. */
const PROVINCIAL_CITIES = ['北京市', '天津市', '上海市', '重庆市'];

/** The level a region's suffix says. */
function levelOf(region: string): Level {
  if (PROVINCIAL_CITIES.includes(region) || /(?:省|自治区)$/u.test(region)) return '省';
  if (/(?:县|自治县|旗|区)$/u.test(region)) return '县';
  return '市';
}

/** What the title says: each field with the words the import prints for it. */
export function inferMeta(title: string, date: string | null): { meta: ReportMeta; said: string[] } {
  const meta: ReportMeta = {};
  const said: string[] = [];
  const year = titleYear(title);
  // Only a year the date does not give already: a 2023 review published in January 2024.
  if (year !== null && year !== Number(date?.slice(0, 4))) {
    meta.year = year;
    said.push(`year ${year}`);
  }
  const kind = KINDS.find(([words]) => words.test(title))?.[1];
  if (kind) {
    meta.kind = kind;
    said.push(`kind ${kind}`);
  }
  if (/国务院|全国人民代表大会|全国政协|全国委员会/u.test(title)) {
    meta.level = '国家';
    said.push('level 国家');
  } else {
    // 关于…的报告 opens with 关于, which is no place.
    const region = REGION.exec(title)?.[0].replace(/^关于/u, '');
    if (region) {
      meta.region = region;
      meta.level = levelOf(region);
      said.push(`region ${region}`, `level ${meta.level}`);
    }
  }
  return { meta, said };
}

/** What the import's flags set, each checked as content would be. */
export interface MetaFlags {
  region?: string;
  level?: string;
  kind?: string;
  source?: string;
  year?: string;
}

/**
 * The report with what its title says filled in and the flags' values over it; `said` lists
 * what was inferred and not overridden, for the import to print. Refuses a flag's bad value.
 */
export function describeReport(report: ReportSource, flags: MetaFlags = {}): { report: ReportSource; said: string[] } {
  const given = readMeta(flags);
  if (typeof given === 'string') throw new ImportError(`--${given}`);
  const { meta, said } = inferMeta(report.title, report.date);
  const overridden = (line: string) => Object.keys(given).some((key) => line.startsWith(`${key} `));
  let told = said.filter((line) => !overridden(line));
  if (given.region && !given.level) {
    // The level goes with the region given, not with one the title names.
    meta.level = levelOf(given.region);
    told = [...told.filter((line) => !line.startsWith('level ')), `level ${meta.level} (by --region)`];
  }
  const source = flags.source?.trim() || report.source;
  return { report: { ...report, ...meta, ...given, source }, said: told };
}
