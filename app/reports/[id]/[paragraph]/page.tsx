import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { ReportArticle } from '@/app/components/ReportArticle';
import { firstParam } from '@/lib/api/params';
import { paragraphPath, siteOrigin } from '@/lib/results/links';
import { previewText } from '@/lib/results/preview';
import { reportView } from '@/lib/results/report-view';
import { searcher } from '@/lib/server/holder';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ id: string; paragraph: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The paragraph a URL names, with its report and section, or null. */
async function linkedParagraph(params: Props['params']) {
  const { id, paragraph } = await params;
  const view = await reportView(searcher(), id);
  if (!view) return null;
  for (const section of view.sections) {
    const p = section.paragraphs.find((x) => x.id === paragraph);
    if (p) return { view, section: section.title, paragraph: p, text: p.segments.map((s) => s.text).join('') };
  }
  return null;
}

/**
 * What a pasted link previews as: the report and section as the title, the paragraph (cut at a
 * clause near 100 characters) as the description; Open Graph, and the Twitter card that WeChat
 * and others read too. The canonical URL is the paragraph's, without a query.
 */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await linkedParagraph(params);
  if (!found) return { title: '未找到段落' };
  const { view, section, text, paragraph } = found;
  const url = siteOrigin(await headers()) + paragraphPath(view.report.id, paragraph.id);
  const title = section ? `${view.report.title} · ${section}` : view.report.title;
  const description = previewText(text);
  return {
    title: `${section ? `${section} · ` : ''}${view.report.title} - 报告检索`,
    description,
    alternates: { canonical: url },
    openGraph: { type: 'article', siteName: '报告检索', locale: 'zh_CN', title, description, url },
    twitter: { card: 'summary', title, description },
  };
}

/** A paragraph's own page: its report, scrolled to it and outlined, with the query's matches marked. */
export default async function ParagraphPage({ params, searchParams }: Props) {
  const found = await linkedParagraph(params);
  if (!found) notFound();
  const q = firstParam((await searchParams).q);
  const view = q ? ((await reportView(searcher(), found.view.report.id, q)) ?? found.view) : found.view;
  const url = siteOrigin(await headers()) + paragraphPath(view.report.id, found.paragraph.id);
  return <ReportArticle view={view} q={q} linked={{ id: found.paragraph.id, url }} />;
}
