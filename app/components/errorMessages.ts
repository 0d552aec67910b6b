/** What a person is told, in Chinese, for each error code the API can answer with. */
const MESSAGES: Record<string, string> = {
  bad_encoding: '链接中的查询编码有误，请重新输入要查找的词。',
  invalid_query: '查询过长：最多 200 个字符，请缩短后再试。',
  query_too_long: '查询过长：最多 200 个字符，请缩短后再试。',
  too_many_terms: '查询词过多：最多 10 个，请删去一些词。',
  invalid_limit: '分页参数有误，请重新搜索。',
  invalid_offset: '分页参数有误，请重新搜索。',
  invalid_report: '筛选条件有误，请重新搜索。',
  invalid_section: '筛选条件有误，请重新搜索。',
  index_unavailable: '检索索引尚未就绪，请稍后再试。',
};

/** The message for an error code; unknown codes get a generic apology. */
export function messageFor(code: string): string {
  return MESSAGES[code] ?? '检索时出了点问题，请稍后再试。';
}
