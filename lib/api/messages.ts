/**
 * What a person is told, in Chinese, for each error code the API can answer with. Safe for the
 * browser: it imports only the limits it names.
 */
import { MAX_COMPARE_PARAGRAPHS, MAX_NEAR_SCAN, MAX_QUERY_LENGTH, MAX_TERMS } from './limits';

const TOO_LONG = `查询过长：最多 ${MAX_QUERY_LENGTH} 个字符，请缩短后再试。`;
const BAD_PAGE = '分页参数有误，请重新搜索。';
const BAD_FILTER = '筛选条件有误，请重新搜索。';

const MESSAGES: Record<string, string> = {
  bad_encoding: '链接中的查询编码有误，请重新输入要查找的词。',
  invalid_query: TOO_LONG,
  query_too_long: TOO_LONG,
  too_many_terms: `查询词过多：最多 ${MAX_TERMS} 个，请删去一些词。`,
  invalid_limit: BAD_PAGE,
  invalid_offset: BAD_PAGE,
  invalid_report: BAD_FILTER,
  invalid_section: BAD_FILTER,
  invalid_filter: BAD_FILTER,
  invalid_sort: '排序方式有误，请重新选择。',
  invalid_group: '归并方式有误，请重新选择。',
  invalid_date: '日期有误：请填写确实存在的日期，格式为 2023、2023-05 或 2023-05-31。',
  index_unavailable: '检索索引尚未就绪，请稍后再试。',
  query_too_costly: `此查询的 NEAR/SENT 要逐段核对超过 ${MAX_NEAR_SCAN} 段，请换用更具体的词或短语，或减少 NEAR/SENT 的对数。`,
  report_too_long: `这份报告超过 ${MAX_COMPARE_PARAGRAPHS} 段，过长，无法整篇对比。`,
  server_busy: '检索服务正忙，请稍候几秒再试。',
  too_many_exports: '同时进行的导出已达上限，请等当前导出完成后再试。',
};

/** The message for an error code; unknown codes get a generic apology. */
export function messageFor(code: string): string {
  return MESSAGES[code] ?? '检索时出了点问题，请稍后再试。';
}

/** An error as the search page shows it: what is wrong and, for a query the parser refused, where. */
export interface ShownError {
  message: string;
  /** UTF-16 offset in the query where the parser refused it. */
  position?: number;
}

/**
 * The page's error for an API error: a refused expert query says in its own words what is wrong
 * where (the Chinese before its English gloss), any other error gets its code's message.
 */
export function shownError(code: string, message?: string, position?: number): ShownError {
  if (code === 'invalid_date' && message) return { message: dateMessage(message) };
  if (position === undefined || !message) return { message: messageFor(code) };
  return { message: `查询语法有误：${message.replace(/\s*\([^()]*\)$/, '')}`, position };
}

/** A refused date, in the reader's words: which date, and what is wrong with it. */
function dateMessage(message: string): string {
  const range = /^from \((.+)\) is after to \((.+)\)$/.exec(message);
  if (range) return `起始日期（${range[1]}）晚于结束日期（${range[2]}），请调换或改正。`;
  const got = /\(got "(.*)"\)$/.exec(message)?.[1];
  return messageFor('invalid_date').replace(/。$/, got ? `（收到“${got}”）。` : '。');
}
