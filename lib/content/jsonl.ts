import { z } from 'zod';
import { ContentError, DATE_PATTERN, readMeta, REPORT_ID_PATTERN } from './fields';
import type { ReportSource } from './types';

const paragraphs = z.array(z.string().trim().min(1, 'paragraphs must not be empty strings'));

/** One document per line: an id, a title, optional date, source, ocr, region, level, kind and year, paragraphs or sections of them. */
const documentSchema = z
  .strictObject({
    id: z.string().regex(REPORT_ID_PATTERN, 'id must be letters, digits, - and _ (it becomes the URL)'),
    title: z.string().trim().min(1, 'title is required'),
    date: z.string().regex(DATE_PATTERN, 'date must be YYYY-MM-DD').nullish(),
    source: z.string().nullish(),
    ocr: z.boolean().optional(),
    region: z.string().nullish(),
    level: z.string().nullish(),
    kind: z.string().nullish(),
    year: z.union([z.number().int(), z.string()]).nullish(),
    paragraphs: paragraphs.optional(),
    sections: z.array(z.strictObject({ title: z.string().trim().min(1), paragraphs })).optional(),
  })
  .refine((d) => (d.paragraphs?.length ?? 0) + (d.sections ?? []).reduce((n, s) => n + s.paragraphs.length, 0) > 0, {
    message: 'the document has no paragraphs',
  });

/**
 * Parses bulk content in JSON Lines, one document per line; blank lines are skipped. A bad line
 * stops the build with its file and line number.
 */
export function parseJsonLines(file: string, source: string): ReportSource[] {
  const out: ReportSource[] = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ContentError(file, i + 1, 'not valid JSON');
    }
    const parsed = documentSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ContentError(file, i + 1, `${issue.path.join('.') || 'document'}: ${issue.message}`);
    }
    const d = parsed.data;
    const meta = readMeta(d);
    if (typeof meta === 'string') throw new ContentError(file, i + 1, meta);
    out.push({
      ...meta,
      id: d.id,
      title: d.title,
      date: d.date ?? null,
      source: d.source ?? null,
      ...(d.ocr ? { ocr: true } : {}),
      paragraphs: [
        ...(d.paragraphs ?? []).map((text) => ({ text, section: null })),
        ...(d.sections ?? []).flatMap((s) => s.paragraphs.map((text) => ({ text, section: s.title }))),
      ],
    });
  }
  return out;
}
