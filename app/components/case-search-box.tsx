import { Form, useLocation, useSearchParams } from "@remix-run/react";

// The nav's one search box: whatever people quote about a case (C-…, R-…, a link, a
// platform id, an author handle) goes to /search, which opens the case when exactly one
// matches. On the results page it keeps the query, so a miss can be corrected in place.

/** What the box finds, to finish a sentence. */
export const SEARCHABLE = "a case or report reference (C-…, R-…), a link, a platform id or an author handle";

export function CaseSearchBox() {
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const query = pathname === "/search" ? (params.get("q") ?? "") : "";
  return (
    <Form method="get" action="/search" role="search" aria-label="Find a case" className="case-search" key={query}>
      <label htmlFor="case-search-q" className="visually-hidden">
        Find a case by reference, link, id or handle
      </label>
      <input
        id="case-search-q"
        type="search"
        name="q"
        defaultValue={query}
        placeholder="C-…, R-…, link, @handle"
        title={`Find ${SEARCHABLE}`}
        maxLength={2048}
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" className="secondary">
        Find
      </button>
    </Form>
  );
}
