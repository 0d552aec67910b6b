/** GET /api/cite: a citation record of a report, or of one of its paragraphs, to download. */
import { z } from 'zod';
import { MAX_FILTER_LENGTH } from './limits';
import { once, parseWith, type RawParams } from './params';

/** Formats a citation record can be downloaded in, and their media types and file extensions. */
export const CITE_FORMATS = {
  ris: { type: 'application/x-research-info-systems; charset=utf-8', extension: 'ris' },
  'csl-json': { type: 'application/vnd.citationstyles.csl+json; charset=utf-8', extension: 'json' },
} as const;

export const citeRequestSchema = z.object({
  report: once(z.string({ error: 'report is required' }).min(1, 'report is required').max(MAX_FILTER_LENGTH)),
  paragraph: once(z.string().max(MAX_FILTER_LENGTH).optional()),
  format: once(z.enum(['ris', 'csl-json'], { error: 'format must be ris or csl-json' }).default('ris')),
});

/** Which report (and paragraph), in which format. */
export type CiteRequest = z.infer<typeof citeRequestSchema>;

/** Validates the decoded parameters of /api/cite. */
export function parseCiteRequest(params: RawParams): CiteRequest {
  return parseWith(citeRequestSchema, params);
}
