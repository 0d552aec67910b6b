import { describe, expect, it } from 'vitest';
import { formatOutcome, readOutcome, type BuildOutcome } from '@/lib/index/build-outcome';

describe('the build outcome line', () => {
  it('reads back each outcome it writes, whatever else the build printed around it', () => {
    const outcomes: BuildOutcome[] = [
      {
        kind: 'built',
        figures: {
          reports: 1,
          paragraphs: 28,
          buildMs: 900,
          artifactBytes: 97_448,
          peakRssMb: 380,
          segments: 1,
          flushed: 1,
          merges: 0,
          deleted: 0,
          rebuilt: true,
        },
      },
      { kind: 'current' },
      {
        kind: 'failed',
        problem: { file: 'content/bad.md', line: 3, message: 'front matter line is not "key: value"' },
      },
    ];
    for (const outcome of outcomes) {
      expect(readOutcome(`build:index: note\n${formatOutcome(outcome)}\n\n`)).toEqual(outcome);
    }
  });

  it('is null when the build died before saying anything, or said something malformed', () => {
    expect(readOutcome('')).toBeNull();
    expect(readOutcome('{"kind":"built"}\n')).toBeNull(); // unmarked: not the outcome line
    expect(readOutcome('build-outcome: {"kind":"built"}\n')).toBeNull(); // no figures
    expect(readOutcome('build-outcome: {"kind":"built", "figures": {"reports": 1}')).toBeNull(); // cut short
  });
});
