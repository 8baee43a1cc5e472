import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listCases } from "~/models/cases/cases.server";
import { stateLabel } from "~/components/queue/format";
import { requirePermission } from "~/utils/auth.server";

// The plain case list: newest first or by priority, a page at a time.

const CasesQuery = z.object({
  sort: z.enum(["newest", "priority"]).catch("newest"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

type CaseRow = {
  ref: string;
  state: string;
  ruleCode: string;
  priority: number;
  reportCount: number;
  language: string | null;
  createdAt: string;
};
type LoaderData = z.infer<typeof CasesQuery> & { cases: CaseRow[]; hasNext: boolean; hasPrevious: boolean };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:case");
  const query = CasesQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { cases, hasNext, hasPrevious } = await listCases(query);
  return Response.json({
    ...query,
    cases: cases.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    hasNext,
    hasPrevious,
  } satisfies LoaderData);
}

function pageLink(sort: string, page: number) {
  return `?${new URLSearchParams({ sort, page: String(page) })}`;
}

export default function CasesPage() {
  const { cases, sort, page, hasNext, hasPrevious } = useLoaderData<LoaderData>();
  return (
    <>
      <h1>Cases</h1>
      <Form method="get" className="filters">
        <div>
          <label htmlFor="cases-sort">Sort</label>
          <select id="cases-sort" name="sort" defaultValue={sort}>
            <option value="newest">Newest first</option>
            <option value="priority">Highest priority first</option>
          </select>
        </div>
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      <table className="stack">
        <caption className="hint">
          {sort === "priority" ? "Highest priority first" : "Newest first"}, page {page}
        </caption>
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">State</th>
            <th scope="col">Rule</th>
            <th scope="col">Priority</th>
            <th scope="col">Reports</th>
            <th scope="col">Language</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {cases.length === 0 ? (
            <tr>
              <td colSpan={7}>{page > 1 ? "No more cases." : "No cases yet. Reports about the same subject gather into one case."}</td>
            </tr>
          ) : null}
          {cases.map((c) => (
            <tr key={c.ref}>
              <td data-label="Case">
                <Link to={`/cases/${c.ref}`} className="mono">
                  {c.ref}
                </Link>
              </td>
              <td data-label="State">
                <span className="badge">{stateLabel(c.state)}</span>
              </td>
              <td data-label="Rule">
                <code>{c.ruleCode}</code>
              </td>
              <td data-label="Priority">{c.priority}</td>
              <td data-label="Reports">{c.reportCount}</td>
              <td data-label="Language">{c.language ?? "—"}</td>
              <td data-label="Created">
                <time dateTime={c.createdAt}>{c.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager" aria-label="Pages">
        {hasPrevious ? <Link to={pageLink(sort, page - 1)}>Previous page</Link> : null}
        {hasNext ? <Link to={pageLink(sort, page + 1)}>Next page</Link> : null}
      </nav>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Cases · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
