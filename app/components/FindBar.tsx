'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { isTyping } from './keyboard';

/**
 * The matches of the query on the report page, like a browser's find bar: a count, the current
 * match, and previous/next by button, by n / Shift+N, or by Ctrl/⌘+G / Shift+Ctrl/⌘+G.
 */
export function FindBar({
  query,
  count,
  backHref,
  target,
}: {
  query: string;
  count: number;
  backHref: string;
  /** The paragraph a paragraph page is about: its first match becomes current, as a #fragment's does. */
  target?: string;
}) {
  const { current, go } = useMatches(target);

  const button =
    'rounded border border-stone-300 px-2 py-0.5 text-sm hover:border-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 disabled:opacity-50 dark:border-stone-600';
  return (
    <div
      role="search"
      aria-label="本文中的匹配"
      className="no-print sticky top-14 z-10 flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-stone-800 dark:border-amber-700 dark:bg-stone-800 dark:text-stone-100"
      data-testid="find-bar"
    >
      <span data-testid="match-count" aria-live="polite">
        “{query}”共 {count} 处匹配{current >= 0 && <>，第 {current + 1} 处</>}
      </span>
      <button
        type="button"
        className={button}
        onClick={() => go(-1)}
        disabled={count === 0}
        aria-keyshortcuts="Shift+N"
        aria-label="上一处匹配"
      >
        <span aria-hidden="true">↑ </span>上一处
      </button>
      <button
        type="button"
        className={button}
        onClick={() => go(1)}
        disabled={count === 0}
        aria-keyshortcuts="N"
        aria-label="下一处匹配"
      >
        <span aria-hidden="true">↓ </span>下一处
      </button>
      <a href={backHref} className="ml-auto text-red-800 hover:underline dark:text-red-200">
        返回检索结果
      </a>
    </div>
  );
}

/**
 * The page's marks as matches to step through: the current one (-1 before any), and a step forward
 * or back, wrapping, by call or by n / Shift+N and Ctrl/⌘+G / Shift+Ctrl/⌘+G. On a paragraph's
 * page (`target`, or the URL's #fragment) its first match is current from the start.
 */
function useMatches(target: string | undefined) {
  const [current, setCurrent] = useState(-1);
  const marks = useRef<HTMLElement[]>([]);
  const at = useRef(-1);

  const select = useCallback((next: number, scroll: boolean) => {
    marks.current[at.current]?.removeAttribute('data-current');
    marks.current[next]!.setAttribute('data-current', 'true');
    if (scroll) marks.current[next]!.scrollIntoView({ block: 'center' });
    at.current = next;
    setCurrent(next);
  }, []);

  const go = useCallback(
    (step: number) => {
      const count = marks.current.length;
      if (count === 0) return;
      select(at.current === -1 ? (step > 0 ? 0 : count - 1) : (at.current + step + count) % count, true);
    },
    [select],
  );

  useEffect(() => {
    marks.current = Array.from(document.querySelectorAll<HTMLElement>('article .paragraph mark'));
    // Arriving on a paragraph: its first match becomes current, without moving the page.
    const id = window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : target;
    const landing = id ? document.getElementById(id) : null;
    const first = landing
      ? marks.current.findIndex(
          (m) => landing.contains(m) || landing.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING,
        )
      : -1;
    if (first >= 0) select(first, false);
    const onKey = (event: KeyboardEvent) => {
      if ((event.key === 'g' || event.key === 'G') && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        go(event.shiftKey ? -1 : 1);
      } else if (
        !isTyping(event) &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        (event.key === 'n' || event.key === 'N')
      ) {
        go(event.key === 'N' ? -1 : 1);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [go, select, target]);

  return { current, go };
}
