'use client';

import { useEffect, type KeyboardEvent, type RefObject } from 'react';
import { isTyping } from './keyboard';

/**
 * The search page's keyboard: / or Ctrl/⌘-K focuses the box anywhere on the page; in the box ↓
 * goes to the first hit and Esc clears; on a hit ↓/↑ move through the hits and Esc goes back to
 * the box.
 */
export function useResultKeys(
  input: RefObject<HTMLInputElement | null>,
  list: RefObject<HTMLDivElement | null>,
  clear: () => void,
) {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.key === 'k' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !isTyping(event))) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [input]);

  const hitLinks = () => Array.from(list.current?.querySelectorAll<HTMLAnchorElement>('[data-testid="hit"]') ?? []);

  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      hitLinks()[0]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      clear();
    }
  };

  const onHitKey = (event: KeyboardEvent<HTMLAnchorElement>, index: number) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Escape') return;
    event.preventDefault();
    const links = hitLinks();
    if (event.key === 'ArrowDown') links[Math.min(index + 1, links.length - 1)]?.focus();
    else if (event.key === 'ArrowUp' && index > 0) links[index - 1]?.focus();
    else input.current?.focus();
  };

  return { onInputKey, onHitKey };
}
