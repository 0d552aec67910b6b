/**
 * What a build process says when it ends: the protocol between `npm run build:index` (with
 * BUILD_INDEX_JSON=1) and whoever started it — the live index, the benchmark. One line on stdout,
 * marked, written and read only here, and checked when read: a build that died before it could
 * say anything yields null, never a half-parsed object.
 */
import { z } from 'zod';

const figuresSchema = z.strictObject({
  reports: z.number(),
  paragraphs: z.number(),
  buildMs: z.number(),
  artifactBytes: z.number(),
  /** The build process's peak resident memory. */
  peakRssMb: z.number(),
  /** Segments in the index after it, segments this build flushed, merges it made, reports it deleted. */
  segments: z.number(),
  flushed: z.number(),
  merges: z.number(),
  deleted: z.number(),
  /** Whether it rebuilt every segment or updated some. */
  rebuilt: z.boolean(),
});

/** Why a build failed: the content file and line at fault where there is one. */
const problemSchema = z.strictObject({ file: z.string().nullable(), line: z.number().nullable(), message: z.string() });

const outcomeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('built'), figures: figuresSchema }),
  /** `--if-stale` found the index current and built nothing. */
  z.strictObject({ kind: z.literal('current') }),
  z.strictObject({ kind: z.literal('failed'), problem: problemSchema }),
]);

/** A build's figures. */
export type BuildFigures = z.infer<typeof figuresSchema>;
/** Why a build failed. */
export type BuildProblem = z.infer<typeof problemSchema>;
/** How a build ended. */
export type BuildOutcome = z.infer<typeof outcomeSchema>;

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
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
