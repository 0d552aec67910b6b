import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReportArticle } from '@/app/components/ReportArticle';
import { firstParam } from '@/lib/api/params';
import { reportView } from '@/lib/results/report-view';
import { searcher } from '@/lib/server/holder';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const report = await searcher().reportInfo((await params).id);
  return { title: report ? `${report.title} - 报告检索` : '未找到报告' };
}

/** A report, every paragraph with its anchor, and the query's matches marked. */
export default async function ReportPage({ params, searchParams }: Props) {
  const { id } = await params;
  const q = firstParam((await searchParams).q);
  const view = await reportView(searcher(), id, q);
  if (!view) notFound();
  return <ReportArticle view={view} q={q} />;
}
