/** Steady load for the server tests: a few clients sending searches back to back, counting every answer. */

/** What the load saw. */
export interface LoadCount {
  requests: number;
  /** Answers by status code; a connection error counts as 0. */
  statuses: Record<number, number>;
  /** The first few failures, to say what went wrong. */
  failures: string[];
}

/**
 * Runs `clients` loops of searches (with `pages`, of the search and report pages too) against
 * `base` until the returned stop function is called; the
 * stop function resolves with the counts once every loop has finished its last request.
 */
export function steadyLoad(base: string, queries: string[], clients = 8, pages = false): () => Promise<LoadCount> {
  const count: LoadCount = { requests: 0, statuses: {}, failures: [] };
  let running = true;
  const loop = async (k: number) => {
    for (let i = k; running; i += clients) {
      const q = queries[i % queries.length]!;
      let status = 0;
      let said = '';
      try {
        // With `pages`, every other request is the search page, every fourth a report's page.
        const path = !pages || i % 2 === 0 ? '/api/search' : i % 4 === 1 ? '/' : '/reports/ziyang-cppcc-2022';
        const res = await fetch(`${base}${path}?q=${encodeURIComponent(q)}`);
        const body = await res.text();
        if (res.status !== 200) said = ` ${path}: ${body.replace(/\s+/g, ' ').slice(0, 120)}`;
        status = res.status;
      } catch (err) {
        if (count.failures.length < 5) count.failures.push(`${q}: ${(err as Error).message}`);
      }
      count.requests++;
      count.statuses[status] = (count.statuses[status] ?? 0) + 1;
      if (status !== 200 && count.failures.length < 5) count.failures.push(`${q}: HTTP ${status}${said}`);
    }
  };
  const loops = Array.from({ length: clients }, (_, k) => loop(k));
  return async () => {
    running = false;
    await Promise.all(loops);
    return count;
  };
}
