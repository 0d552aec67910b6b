import { buildIndex } from '@/lib/indexer/builder';
import type { ReportSource } from '@/lib/content/types';
import type { SearchIndex } from '@/lib/index/model';

/** A one-report index over inline paragraphs, for tests that need a few lines of Chinese. */
export function indexOf(paragraphs: (string | { text: string; section: string | null })[], id = 'test'): SearchIndex {
  const report: ReportSource = {
    id,
    title: '测试报告',
    date: '2023-01-01',
    source: null,
    paragraphs: paragraphs.map((p) => (typeof p === 'string' ? { text: p, section: null } : p)),
  };
  return buildIndex([report], { contentHash: 'test-hash', builtAt: new Date('2023-01-01T00:00:00Z') });
}

/**
 * What `work` resolves to, and how many turns the event loop had while it ran: a setImmediate
 * callback rescheduling itself runs once per turn, so a long synchronous stretch shows as none.
 */
export async function withLoopTurns<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let done = false;
  const turn = () => {
    turns++;
    if (!done) setImmediate(turn);
  };
  setImmediate(turn);
  try {
    return { value: await work(), turns };
  } finally {
    done = true;
  }
}
