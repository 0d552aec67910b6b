/**
 * How an expert query was read, for the answer: its tree as a list of nodes (the root first, each
 * naming its children by position, so the shape needs no recursive schema) and as text with every
 * group in parentheses — ((书香 OR 品牌) AND NOT 政协) — so a person sees what the engine did.
 */
import type { TreeNode } from '../api/search';
import type { ParsedQuery, QueryNode } from './parse';

export type { TreeNode };

/** The tree as a list of nodes, root first, and as parenthesised text; null for a plain query. */
export function describeTree(parsed: ParsedQuery): { tree: TreeNode[]; reading: string } | null {
  if (!parsed.tree) return null;
  const nodes: TreeNode[] = [];
  const quote = (k: number) => {
    const t = parsed.terms[k]!;
    return t.kind === 'phrase' ? `"${t.text}"` : t.text;
  };
  const add = (node: QueryNode): [number, string] => {
    const at = nodes.length;
    const entry: TreeNode = { op: node.op };
    nodes.push(entry);
    switch (node.op) {
      case 'term':
        entry.term = node.term;
        return [at, quote(node.term)];
      case 'field':
        Object.assign(entry, { field: node.field, value: node.value });
        return [at, `${node.field}:${node.value}`];
      case 'not': {
        const [child, text] = add(node.child);
        entry.children = [child];
        return [at, `NOT ${text}`];
      }
      case 'and':
      case 'or': {
        const parts = node.children.map(add);
        entry.children = parts.map(([n]) => n);
        return [at, `(${parts.map(([, t]) => t).join(` ${node.op.toUpperCase()} `)})`];
      }
      case 'near':
      case 'sent': {
        const left = add({ op: 'term', term: node.left });
        const right = add({ op: 'term', term: node.right });
        entry.children = [left[0], right[0]];
        if (node.op === 'near') entry.distance = node.distance;
        const op = node.op === 'near' ? `NEAR/${node.distance}` : 'SENT';
        return [at, `(${left[1]} ${op} ${right[1]})`];
      }
    }
  };
  const [, reading] = add(parsed.tree);
  return { tree: nodes, reading };
}
