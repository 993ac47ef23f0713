import { SEARCH_PATH, SEARCH_QUERY_PARAM } from '@/lib/paths';

/** A plain GET form to /search (lib/paths.ts searchHref): it works without JavaScript. */
export function SearchForm({ defaultValue = '', id = 'site-search', autoFocus = false }: { defaultValue?: string; id?: string; autoFocus?: boolean }) {
  return (
    <form className="search-form" role="search" action={SEARCH_PATH} method="get">
      <label htmlFor={id} className="visually-hidden">
        Search stories
      </label>
      <input id={id} type="search" name={SEARCH_QUERY_PARAM} defaultValue={defaultValue} placeholder="Search stories" maxLength={500} autoFocus={autoFocus} />
      <button type="submit" className="button">
        Search
      </button>
    </form>
  );
}
