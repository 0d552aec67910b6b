'use client';

import { useEffect } from 'react';

/**
 * On a paragraph's own page (/reports/<id>/<paragraph>), brings the paragraph into view: a URL the
 * server sees has no #fragment for the browser to scroll to. The paragraph is marked by the server
 * (data-linked), so it is outlined with or without JavaScript.
 */
export function LinkedParagraph({ id }: { id: string }) {
  useEffect(() => {
    if (window.location.hash) return; // a fragment the browser already followed wins
    document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, [id]);
  return null;
}
