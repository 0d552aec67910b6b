import type { Segment } from '@/lib/api/search';

/** Renders segments as text with <mark> around matches; React escapes every character. */
export function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
}
