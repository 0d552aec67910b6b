import Link from 'next/link';

/** The link back to the list of reports, above a page's title. */
export function BackToReports() {
  return (
    <p className="no-print text-sm">
      <Link href="/" className="text-red-800 hover:underline dark:text-red-200">
        ← 全部报告
      </Link>
    </p>
  );
}

/** What stands in the way of showing a page (the index not ready, a link missing what it needs), said plainly. */
export function Problem({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
      {message}
    </p>
  );
}
