/** Tables for the bench's printout. */

export function table(rows: [string, ...(string | number | boolean | null)[]][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '—').length)));
  return rows.map((r) => r.map((v, c) => String(v ?? '—').padEnd(widths[c]!)).join('  ')).join('\n');
}

export type Row = [string, ...(string | number | boolean | null)[]];
