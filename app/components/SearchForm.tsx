/** The search box: a plain GET form, so search works and shares without JavaScript. */
export function SearchForm({ query = '' }: { query?: string }) {
  return (
    <form action="/" method="get" role="search" className="flex gap-2">
      <label htmlFor="q" className="sr-only">
        搜索报告
      </label>
      <input
        id="q"
        name="q"
        type="search"
        defaultValue={query}
        placeholder="输入要查找的词，例如：书香政协"
        autoComplete="off"
        className="min-w-0 flex-1 rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm focus:border-red-700 focus:outline-none focus:ring-2 focus:ring-red-700/30"
      />
      <button
        type="submit"
        className="rounded-md bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 focus:outline-none focus:ring-2 focus:ring-red-700/40"
      >
        搜索
      </button>
    </form>
  );
}
