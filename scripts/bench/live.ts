/** The live index: from a change in the content folder to searchable, against a running server. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The time from a change in the content folder to searchable: a report is added to a folder the
 * running server watches (the corpus linked into it), and its one word is searched until found.
 */
export async function measureLiveUpdate(port: number, dir: string): Promise<number> {
  const token = '鑫鑫淼淼森森';
  const started = performance.now();
  writeFileSync(path.join(dir, 'live-probe.md'), `---\ntitle: 实时更新\n---\n\n${token}\n`);
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}/api/search?q=${encodeURIComponent(token)}`);
    if (res.ok && ((await res.json()) as { total: number }).total > 0) return Math.round(performance.now() - started);
    if (performance.now() - started > 600_000) throw new Error('bench: the live index never picked up the change');
    await new Promise((r) => setTimeout(r, 50));
  }
}
