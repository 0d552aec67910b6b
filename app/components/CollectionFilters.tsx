import Link from 'next/link';
import type { FacetValue, SearchResponse } from '@/lib/api/search';
import { REPORT_FIELDS } from '@/lib/content/fields';
import { isArranged, searchHref, searchQueryString, toggled, type SearchState } from './searchUrl';

export const chip =
  'inline-flex items-center gap-1 rounded-full border px-3 py-1 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700';
export const chipIdle =
  'border-stone-300 bg-white text-stone-700 hover:border-red-700 dark:border-stone-600 dark:bg-stone-800 dark:text-stone-200';
export const chipActive = 'border-red-800 bg-red-800 text-white dark:border-red-400 dark:bg-red-900';
const INPUT =
  'w-28 rounded-md border border-stone-300 bg-white px-2 py-1 dark:border-stone-600 dark:bg-stone-800 dark:text-stone-100';

/**
 * Narrowing and ordering the results by the reports' fields: years, regions, levels, kinds and
 * publishers, each value with what the query matches there (a facet's counts are under the other
 * facets' filters, so they are the choices it offers); a date range; newest or oldest first;
 * grouped by report; paragraphs or concordance. Every control is a link or a GET form, so it works
 * without JavaScript and the URL says it all.
 */
export function CollectionFilters({ result, state }: { result: SearchResponse; state: SearchState }) {
  const { facets } = result;
  const years = facets.years;
  const shown = REPORT_FIELDS.filter(({ facet, param }) => facets[facet].length > 1 || (state[param]?.length ?? 0) > 0);
  const choices = years.length > 1 || state.from || state.to || shown.length > 0;
  return (
    <section aria-label="筛选与排序" className="no-print space-y-2 text-sm" data-testid="collection-filters">
      <Orders state={state} />
      {choices && (
        <>
          {years.length > 0 && (
            <Facet label="年份">
              {years.map((f) => {
                const active = state.from === f.value && state.to === f.value;
                const next = active ? { from: null, to: null } : { from: f.value, to: f.value };
                return (
                  <Choice key={f.value} href={searchHref({ ...state, ...next, offset: 0 })} value={f} active={active} />
                );
              })}
            </Facet>
          )}
          {shown.map(({ param, facet, label }) => (
            <Facet key={param} label={label}>
              {withChosen(facets[facet], state[param] ?? []).map((f) => (
                <Choice
                  key={f.value}
                  href={searchHref(toggled(state, param, f.value))}
                  value={f}
                  active={state[param]?.includes(f.value) ?? false}
                />
              ))}
            </Facet>
          ))}
          <DateRange state={state} />
        </>
      )}
      {isArranged(state) && (
        <p>
          <Link
            href={searchHref({ q: state.q, view: state.view, vs: state.vs })}
            className="text-red-800 underline dark:text-red-200"
            data-testid="clear-filters"
          >
            清除筛选与排序
          </Link>
        </p>
      )}
    </section>
  );
}

/** A facet's values, and the chosen ones the query matches nowhere (so they can be taken away). */
function withChosen(values: FacetValue[], chosen: string[]): FacetValue[] {
  const missing = chosen.filter((c) => !values.some((v) => v.value === c)).map((value) => ({ value, count: 0 }));
  return [...values, ...missing];
}

function Facet({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={label}>
      <span className="w-16 shrink-0 text-stone-600 dark:text-stone-400">{label}</span>
      {children}
    </div>
  );
}

function Choice({ href, value, active }: { href: string; value: FacetValue; active: boolean }) {
  return (
    <Link
      href={href}
      className={`${chip} ${active ? chipActive : chipIdle}`}
      aria-current={active ? 'true' : undefined}
      data-testid="facet-value"
    >
      {value.value} <span aria-label={`${value.count} 段`}>({value.count})</span>
    </Link>
  );
}

/** Order, grouping and view: each a row of links, the current one marked. */
function Orders({ state }: { state: SearchState }) {
  const sort = state.sort ?? 'relevance';
  const option = (label: string, href: string, current: boolean) => (
    <Link
      key={label}
      href={href}
      aria-current={current ? 'true' : undefined}
      className={
        current ? 'font-semibold text-stone-900 dark:text-stone-100' : 'text-red-800 hover:underline dark:text-red-200'
      }
    >
      {label}
    </Link>
  );
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1" data-testid="orders">
      <span className="flex gap-2" role="group" aria-label="排序">
        <span className="text-stone-600 dark:text-stone-400">排序</span>
        {option('相关度', searchHref({ ...state, sort: null, offset: 0 }), sort === 'relevance')}
        {option('最新', searchHref({ ...state, sort: 'newest', offset: 0 }), sort === 'newest')}
        {option('最早', searchHref({ ...state, sort: 'oldest', offset: 0 }), sort === 'oldest')}
      </span>
      <span className="flex gap-2" role="group" aria-label="显示">
        <span className="text-stone-600 dark:text-stone-400">显示</span>
        {option('段落', searchHref({ ...state, view: null, group: null, offset: 0 }), !state.view && !state.group)}
        {option(
          '按报告归并',
          searchHref({ ...state, view: null, group: 'report', offset: 0 }),
          state.group === 'report',
        )}
        {option('语境（KWIC）', searchHref({ ...state, view: 'kwic', group: null, offset: 0 }), state.view === 'kwic')}
      </span>
    </div>
  );
}

/** From and to, typed: a GET form carrying the rest of the search in hidden fields. */
function DateRange({ state }: { state: SearchState }) {
  const rest = new URLSearchParams(searchQueryString({ ...state, from: null, to: null, offset: 0 }));
  const hidden = [...rest].map(([name, value], i) => (
    <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
  ));
  const { from, to } = state;
  return (
    <form action="/" method="get" className="flex flex-wrap items-center gap-2" aria-label="时间范围">
      {hidden}
      <span className="w-16 shrink-0 text-stone-600 dark:text-stone-400">时间</span>
      <label className="flex items-center gap-1">
        从
        <input name="from" defaultValue={from ?? ''} placeholder="2020" className={INPUT} inputMode="numeric" />
      </label>
      <label className="flex items-center gap-1">
        到
        <input name="to" defaultValue={to ?? ''} placeholder="2023-06" className={INPUT} inputMode="numeric" />
      </label>
      <button type="submit" className="rounded-md border border-stone-300 px-2 py-1 dark:border-stone-600">
        应用
      </button>
    </form>
  );
}
