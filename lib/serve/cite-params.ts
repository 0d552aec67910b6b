/** The request for a citation record: which report (and paragraph), in which format. */
import { z } from 'zod';
import { MAX_FILTER_LENGTH } from './limits';
import { ParamError } from './params';

/** Formats a citation record can be downloaded in, and their media types and file extensions. */
export const CITE_FORMATS = {
  ris: { type: 'application/x-research-info-systems; charset=utf-8', extension: 'ris' },
  'csl-json': { type: 'application/vnd.citationstyles.csl+json; charset=utf-8', extension: 'json' },
} as const;

export const citeParamsSchema = z.object({
  report: z.string({ error: 'report is required' }).min(1, 'report is required').max(MAX_FILTER_LENGTH),
  paragraph: z.string().max(MAX_FILTER_LENGTH).optional(),
  format: z.enum(['ris', 'csl-json'], { error: 'format must be ris or csl-json' }).default('ris'),
});

export type CiteParams = z.infer<typeof citeParamsSchema>;

/** Validates the decoded parameters of `/api/cite`. */
export function parseCiteParams(params: Record<string, string | undefined>): CiteParams {
  const result = citeParamsSchema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ParamError(`invalid_${String(issue.path[0] ?? 'request')}`, issue.message);
}
