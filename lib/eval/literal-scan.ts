/** The oracle: what Ctrl-F over the normalised text finds, by a plain scan. */
import { parseQuery } from '../query/parse';

/**
 * The paragraphs Ctrl-F would find for a query: every term a substring of the normalised text, no
 * excluded term in it. The oracle of the relevance suite and the scan the benchmark races against.
 */
export function literalScan(norms: string[], q: string): number[] {
  const { terms } = parseQuery(q);
  const must = terms.filter((t) => t.kind !== 'exclude').map((t) => t.text);
  const not = terms.filter((t) => t.kind === 'exclude').map((t) => t.text);
  const out: number[] = [];
  for (let id = 0; id < norms.length; id++) {
    const text = norms[id]!;
    if (must.every((t) => text.includes(t)) && !not.some((t) => text.includes(t))) out.push(id);
  }
  return out;
}
