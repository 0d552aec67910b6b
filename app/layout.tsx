import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: '报告检索',
  description: '政府和政协工作报告全文检索，逐段定位，可分享段落链接。',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <head>
        {/* Lets a browser offer to add the site as a search engine. */}
        <link rel="search" type="application/opensearchdescription+xml" title="报告检索" href="/opensearch.xml" />
      </head>
      <body className="min-h-screen bg-stone-50 font-sans leading-relaxed text-stone-900 antialiased dark:bg-stone-900 dark:text-stone-100">
        <header className="no-print sticky top-0 z-20 border-b border-stone-200 bg-white dark:border-stone-700 dark:bg-stone-900">
          <div className="mx-auto flex max-w-3xl items-center gap-4 px-4 py-3">
            <Link href="/" className="text-lg font-semibold text-red-800 hover:underline dark:text-red-300">
              报告检索
            </Link>
            <span className="hidden text-sm text-stone-600 sm:inline dark:text-stone-400">
              政府与政协工作报告全文检索
            </span>
          </div>
        </header>
        <main className="mx-auto max-w-3xl break-words px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
