import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CaseGist } from "~/components/case-gist";
import { SEARCHABLE } from "~/components/case-search-box";
import { stateLabel } from "~/components/queue/format";
import type { CaseHit } from "~/models/cases/case-search.server";
import { SEARCH_LIMIT, findCases } from "~/models/cases/case-search.server";
import { MAX_QUERY_LENGTH } from "~/models/cases/case-query";
import { requirePermission } from "~/utils/auth.server";

// /search?q=: the nav box's answers. One case found opens it; several are listed; none
// says so, and the box above keeps the query to correct.

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .max(MAX_QUERY_LENGTH, `Search for at most ${MAX_QUERY_LENGTH.toLocaleString("en")} characters: a reference, a link, an id or a handle.`)
    // PostgreSQL text cannot hold U+0000; neither is part of anything people quote.
    .refine((q) => !q.includes("\u0000") && !UNPAIRED_SURROGATE.test(q), "Remove the control characters from the search."),
});

type Hit = Omit<CaseHit, "createdAt"> & { createdAt: string };
type LoaderData = { q: string; error: string | null; hits: Hit[]; more: boolean };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:case");
  const raw = new URL(request.url).searchParams.get("q") ?? "";
  const parsed = SearchQuery.safeParse({ q: raw });
  if (!parsed.success) {
    const error = parsed.error.issues[0]?.message ?? "This search cannot be read.";
    return Response.json({ q: raw.slice(0, MAX_QUERY_LENGTH), error, hits: [], more: false } satisfies LoaderData, { status: 400 });
  }
  const { q } = parsed.data;
  if (!q) return Response.json({ q, error: null, hits: [], more: false } satisfies LoaderData);
  const { hits, more } = await findCases(q, user);
  if (hits.length === 1 && !more) throw redirect(`/cases/${hits[0].ref}`);
  return Response.json({ q, error: null, hits: hits.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })), more } satisfies LoaderData);
}

function Results({ hits, more }: Pick<LoaderData, "hits" | "more">) {
  return (
    <>
      <p className="hint">
        {more ? `The first ${SEARCH_LIMIT} cases found` : `${hits.length} cases found`}: exact references first, then open cases, newest
        first.
      </p>
      <ol className="search-results">
        {hits.map((h) => (
          <li key={h.ref}>
            <p>
              <Link to={`/cases/${h.ref}`} className="mono">
                {h.ref}
              </Link>{" "}
              <span className="badge">{stateLabel(h.state)}</span> <span className="hint">found by {h.matches.join(", ")}</span>
            </p>
            <CaseGist subject={h.subject} snippet={h.snippet} />
            <p className="hint">
              First reported <time dateTime={h.createdAt}>{h.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}

export default function SearchPage() {
  const { q, error, hits, more } = useLoaderData<LoaderData>();
  return (
    <>
      <h1>Find a case</h1>
      {error ? (
        <p role="alert" className="notice error">
          {error}
        </p>
      ) : !q ? (
        <p>Type into the search box above {SEARCHABLE}.</p>
      ) : hits.length === 0 ? (
        <p role="status" className="notice">
          No case matches “<bdi>{q}</bdi>”. The search finds {SEARCHABLE}, written in full; the box above keeps what you
          typed.
        </p>
      ) : (
        <>
          <p role="status">
            Cases matching “<bdi>{q}</bdi>”:
          </p>
          <Results hits={hits} more={more} />
        </>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Find a case · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
