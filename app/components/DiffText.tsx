import { toSegments } from '@/lib/results/marks';
import type { Range } from '@/lib/api/search';

/** A paragraph with its changed characters marked: struck through (removed) or underlined (added). */
export function DiffText({ text, ranges, kind }: { text: string; ranges: Range[]; kind: 'removed' | 'added' }) {
  return (
    <>
      {toSegments(text, ranges).map((s, i) =>
        !s.mark ? (
          <span key={i}>{s.text}</span>
        ) : kind === 'removed' ? (
          <del key={i} className="diff-removed">
            {s.text}
          </del>
        ) : (
          <ins key={i} className="diff-added">
            {s.text}
          </ins>
        ),
      )}
    </>
  );
}
