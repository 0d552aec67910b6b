/**
 * What a build process says when it ends: the protocol between `npm run build:index` (with
 * BUILD_INDEX_JSON=1) and whoever started it — the live index, the benchmark. One line on stdout,
 * marked, written and read only here, and checked when read: a build that died before it could
 * say anything yields null, never a half-parsed object.
 */
import { z } from 'zod';

/** A build's figures. */
export interface BuildFigures {
  reports: number;
  paragraphs: number;
  buildMs: number;
  artifactBytes: number;
  /** The build process's peak resident memory. */
  peakRssMb: number;
  /** Segments in the index after it, segments this build flushed, merges it made, reports it deleted. */
  segments: number;
  flushed: number;
  merges: number;
  deleted: number;
  /** Whether it rebuilt every segment or updated some. */
  rebuilt: boolean;
}

/** Why a build failed: the content file and line at fault where there is one. */
export interface BuildProblem {
  file: string | null;
  line: number | null;
  message: string;
}

/** How a build ended. */
export type BuildOutcome =
  | { kind: 'built'; figures: BuildFigures }
  /** `--if-stale` found the index current and built nothing. */
  | { kind: 'current' }
  | { kind: 'failed'; problem: BuildProblem };

const outcomeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('built'),
    figures: z.strictObject({
      reports: z.number(),
      paragraphs: z.number(),
      buildMs: z.number(),
      artifactBytes: z.number(),
      peakRssMb: z.number(),
      segments: z.number(),
      flushed: z.number(),
      merges: z.number(),
      deleted: z.number(),
      rebuilt: z.boolean(),
    }),
  }),
  z.strictObject({ kind: z.literal('current') }),
  z.strictObject({
    kind: z.literal('failed'),
    problem: z.strictObject({ file: z.string().nullable(), line: z.number().nullable(), message: z.string() }),
  }),
]);

/** Starts the outcome line, so other output on stdout is never taken for it. */
const MARK = 'build-outcome: ';

/** The outcome as the line the build prints. */
export function formatOutcome(outcome: BuildOutcome): string {
  return MARK + JSON.stringify(outcome);
}

/** The outcome a build printed in `stdout`, or null when it printed none (it died first) or a malformed one. */
export function readOutcome(stdout: string): BuildOutcome | null {
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(MARK));
  if (!line) return null;
  try {
    const parsed = outcomeSchema.safeParse(JSON.parse(line.slice(MARK.length)));
    return parsed.success ? (parsed.data as BuildOutcome) : null;
  } catch {
    return null;
  }
}
