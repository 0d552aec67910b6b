import { IndexArtifactError } from '@/lib/search/artifact';
import { ParamError } from '@/lib/search/params';
import { QueryError } from '@/lib/search/query';

/** A message for the page in place of an error: what went wrong and what to do, in Chinese. */
export function friendlyError(err: unknown): string {
  if (err instanceof QueryError) return err.message;
  if (err instanceof ParamError) {
    if (err.code === 'bad_encoding') return '链接中的查询编码有误，请重新输入要查找的词。';
    if (err.code === 'invalid_query') return '查询过长，请缩短后再试。';
    return '分页参数有误，已无法显示这一页；请重新搜索。';
  }
  if (err instanceof IndexArtifactError) return '检索索引尚未就绪，请稍后再试。';
  console.error('page: unexpected error', err);
  return '检索时出了点问题，请稍后再试。';
}

/** The first value of a search parameter that may be repeated. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
