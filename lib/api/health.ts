/** GET /api/health: readiness (the index in service, 503 while loading or draining) and liveness. */
import { z } from 'zod';

export const indexProblemSchema = z.strictObject({
  file: z.string().nullable().describe('The content file at fault, as the build names it, or null.'),
  line: z.number().int().nullable().describe('1-based line in the file, or null.'),
  message: z.string().describe('What is wrong.'),
});
/** Why the last rebuild of the index failed: the file and line at fault, and what is wrong there. */
export type IndexProblem = z.infer<typeof indexProblemSchema>;

const skippedFileSchema = z.strictObject({
  file: z.string().describe('Its name in the content folder.'),
  reason: z.string().describe('Why it is not read: a named pipe, a device, a folder, a broken link, or too large.'),
});
/** A file of the content folder the server does not read. */
export type SkippedContentFile = z.infer<typeof skippedFileSchema>;

export const healthResponseSchema = z.strictObject({
  status: z
    .enum(['ok', 'degraded', 'loading', 'draining'])
    .describe(
      'ok: serving the current content; degraded: serving, but the last content change could not be indexed (see problem), ' +
        'the index in service is the last good one; loading: the first index is still loading (503); ' +
        'draining: serving while it shuts down, not ready for new traffic (503).',
    ),
  documents: z.number().int().optional().describe('Number of reports in the index (absent while loading).'),
  paragraphs: z.number().int().optional().describe('Number of paragraphs in the index (absent while loading).'),
  builtAt: z.string().optional().describe('When the index in service was built, ISO 8601 (absent while loading).'),
  problem: indexProblemSchema.optional().describe('Why the last rebuild failed, when degraded.'),
  skipped: z
    .array(skippedFileSchema)
    .optional()
    .describe('Files of the content folder that are not read; absent when none.'),
});
/** Body of GET /api/health, the readiness probe. */
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const livenessResponseSchema = z.strictObject({
  status: z.literal('live').describe('The process is up and answering.'),
});
/** Body of GET /api/health?probe=live: 200 whenever the process can answer. */
export type LivenessResponse = z.infer<typeof livenessResponseSchema>;
