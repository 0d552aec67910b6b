'use client';

import { useState } from 'react';
import { gbt7714Citation, plainCitation, today, type CitationSource } from '@/lib/results/citation';

/** How long "已复制" shows after a copy. */
const COPIED_FEEDBACK_MS = 1500;

/** What a button copies: the paragraph's link, or a citation of it in one of two forms. */
export type CopyKind = 'link' | 'plain' | 'gbt7714';

interface Props {
  /** The paragraph's own page, relative; copied as an absolute URL, and the link without JavaScript. */
  href: string;
  kind: CopyKind;
  /** What a citation is made of (its `url` is filled in from `href`, its date of citing is today). */
  source: Omit<CitationSource, 'url' | 'citedOn'>;
  /** What the control says. */
  text: string;
  /** Accessible name, starting with what the control says and naming the paragraph. */
  label: string;
  /** Its classes, where it sits. */
  className: string;
}

/** The text a button copies. */
function textFor(kind: CopyKind, source: CitationSource): string {
  if (kind === 'link') return source.url;
  return kind === 'plain' ? plainCitation(source) : gbt7714Citation(source);
}

/**
 * Copies a paragraph's URL or a citation ending in it. It is a real link to the paragraph, so
 * without JavaScript, or where the clipboard is refused, the browser can still copy or open it.
 */
export function CopyButton({ href, kind, source, text, label, className }: Props) {
  const [copied, setCopied] = useState(false);
  return (
    <a
      href={href}
      aria-label={label}
      data-copy={kind}
      className={className}
      onClick={async (event) => {
        event.preventDefault();
        const url = new URL(href, window.location.href).toString();
        try {
          await navigator.clipboard.writeText(textFor(kind, { ...source, url, citedOn: today() }));
          setCopied(true);
          setTimeout(() => setCopied(false), COPIED_FEEDBACK_MS);
        } catch {
          window.location.href = url;
        }
      }}
    >
      {copied ? '已复制' : text}
    </a>
  );
}
