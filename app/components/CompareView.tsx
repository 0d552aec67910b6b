import type { CompareParagraph, ComparePair, CompareResponse } from '@/lib/api/compare';
import { DiffText } from './DiffText';

const STATUS: Record<ComparePair['status'], string> = { same: '未变', changed: '修改', new: '新增', dropped: '删去' };

const link = 'text-red-800 hover:underline dark:text-red-200';

/** One side of a pair: the paragraph with its changes marked and a link to its place, or a gap. */
function Side({
  paragraph,
  pair,
  side,
  report,
}: {
  paragraph: CompareParagraph | null;
  pair: ComparePair;
  side: 'a' | 'b';
  report: string;
}) {
  if (!paragraph)
    return (
      <div className="compare-gap hidden rounded-md border border-dashed border-stone-300 lg:block dark:border-stone-600" />
    );
  return (
    // An unchanged pair shows its text once on a phone: the later side, which links to its place.
    <div
      className={`compare-side rounded-md px-3 py-2 compare-${pair.status} ${pair.status === 'same' && side === 'a' ? 'max-lg:hidden' : ''}`}
    >
      <p className="mb-1 text-xs text-stone-600 dark:text-stone-400">
        <span className="lg:hidden">{side === 'a' ? '前：' : '后：'}</span>
        <a href={paragraph.url} className={`${link} underline`} aria-label={`${report}第 ${paragraph.ordinal} 段`}>
          第 {paragraph.ordinal} 段
        </a>
        {paragraph.section && <> · {paragraph.section}</>}
      </p>
      <p className="leading-7">
        {pair.status === 'changed' ? (
          <DiffText
            text={paragraph.text}
            ranges={side === 'a' ? pair.removed : pair.added}
            kind={side === 'a' ? 'removed' : 'added'}
          />
        ) : (
          paragraph.text
        )}
      </p>
    </div>
  );
}

/** The alignment, a pair a row: side by side on a wide screen, one above the other on a phone. */
export function CompareView({
  result,
  changesOnly,
  from,
  count,
}: {
  result: CompareResponse;
  changesOnly: boolean;
  /** The pairs shown: `count` from `from` (a long comparison is shown a page at a time). */
  from: number;
  count: number;
}) {
  const byId = (side: 'a' | 'b') => new Map(result.paragraphs[side].map((p) => [p.id, p]));
  const as = byId('a');
  const bs = byId('b');
  return (
    <ol className="space-y-3" aria-label="逐段对比" start={from + 1}>
      {result.pairs.slice(from, from + count).map((pair, k) =>
        changesOnly && pair.status === 'same' ? null : (
          <li
            key={from + k}
            id={`pair-${from + k + 1}`}
            className="compare-pair grid grid-cols-1 gap-2 border-t border-stone-200 pt-3 lg:grid-cols-2 dark:border-stone-700"
            data-status={pair.status}
          >
            <p className="text-xs font-medium text-stone-700 lg:col-span-2 dark:text-stone-300">
              <span className={`compare-badge compare-badge-${pair.status}`}>{STATUS[pair.status]}</span>
              {pair.moved && <span className="compare-badge compare-badge-moved ml-2">移至他节</span>}
              {pair.status === 'changed' && (
                <span className="ml-2 text-stone-600 dark:text-stone-400">
                  相似度 {Math.round(pair.similarity * 100)}%
                </span>
              )}
            </p>
            <Side paragraph={pair.a === null ? null : as.get(pair.a)!} pair={pair} side="a" report={result.a.title} />
            <Side paragraph={pair.b === null ? null : bs.get(pair.b)!} pair={pair} side="b" report={result.b.title} />
          </li>
        ),
      )}
    </ol>
  );
}
