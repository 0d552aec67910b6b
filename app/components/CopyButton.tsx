'use client';

import { useState } from 'react';

/** How long "已复制" shows after a copy. */
const COPIED_FEEDBACK_MS = 1500;

interface Props {
  /** The paragraph's link, relative; copied as an absolute URL. */
  href: string;
  /** Text put before the URL: empty for a plain link, "《标题》, 章节, 第N段, " for a citation. */
  prefix?: string;
  /** What the control says. */
  text: string;
  /** Accessible name, naming the paragraph. */
  label: string;
}

/**
 * Copies a paragraph's URL (or a citation ending in it). It is a real link to the paragraph, so
 * without JavaScript, or where the clipboard is refused, the browser can still copy or open it.
 */
export function CopyButton({ href, prefix = '', text, label }: Props) {
  const [copied, setCopied] = useState(false);
  return (
    <a
      href={href}
      aria-label={label}
      className="rounded px-1 text-xs text-stone-600 hover:text-red-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 dark:text-stone-400 dark:hover:text-red-200"
      onClick={async (event) => {
        event.preventDefault();
        const url = new URL(href, window.location.href).toString();
        try {
          await navigator.clipboard.writeText(prefix + url);
          setCopied(true);
          setTimeout(() => setCopied(false), COPIED_FEEDBACK_MS);
        } catch {
          window.location.hash = new URL(url).hash;
        }
      }}
    >
      {copied ? '已复制' : text}
    </a>
  );
}
