'use client';

import { useState } from 'react';

/**
 * A link to one paragraph that copies its full URL on click. Without JavaScript it is still a plain
 * link to the anchor, which the browser can copy.
 */
export function CopyLink({ href, label }: { href: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <a
      href={href}
      aria-label={label}
      className="text-xs text-stone-400 hover:text-red-800 focus:text-red-800"
      onClick={async (event) => {
        event.preventDefault();
        const url = new URL(href, window.location.href).toString();
        try {
          await navigator.clipboard.writeText(url);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          window.location.hash = new URL(url).hash;
        }
      }}
    >
      {copied ? '已复制链接' : '复制链接'}
    </a>
  );
}
