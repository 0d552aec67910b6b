/** A report as read from the content folder, before indexing. */
import type { ReportMeta } from './fields';

/** A report as content gives it, with its descriptive fields (region, level, kind, year) where it has them. */
export interface ReportSource extends ReportMeta {
  /** URL-safe id taken from the file name (`ziyang-cppcc-2022`). */
  id: string;
  /** Title from front matter. */
  title: string;
  /** Publication date, `YYYY-MM-DD`, or null when the report has none. */
  date: string | null;
  /** Where the report was published, as the source page names it. */
  source: string | null;
  /** True when its text was read from a scan by OCR (front matter `ocr: true`): words may be misread. */
  ocr?: boolean;
  /** The report's paragraphs in reading order, each with the heading of its section (null before the first). */
  paragraphs: { text: string; section: string | null }[];
}
