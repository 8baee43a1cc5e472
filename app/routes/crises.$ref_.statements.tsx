import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { When } from "~/components/case/format";
import { FormError } from "~/components/form-field";
import type { TypedValues } from "~/components/statements/statement-cell";
import { ChosenCellPanel } from "~/components/statements/statement-cell";
import { useStatementsLive } from "~/components/crisis/use-crisis-live";
import { DraftAnotherCell, StageMatrix } from "~/components/statements/statement-matrix";
import { STATEMENT_INTENT_PERMISSIONS, StatementAction } from "~/forms/statement";
import { parseCrisisRef } from "~/models/cases/refs";
import type { StatementMatrix } from "~/models/statements/statement-matrix.server";
import { statementMatrix } from "~/models/statements/statement-matrix.server";
import { actOnStatement } from "~/models/statements/statement-actions.server";
import { forbidden, requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { can } from "~/utils/permissions";
import statementStyles from "~/styles/statements.css";

// A crisis's statements (docs/decisions/0024): the matrix of stages, audiences, channels and
// languages with each cell's state and what holds the playbook up, and the chosen cell
// (`?cell=`) with its text and the moves this person may make. Comms leads draft, edit,
// submit and publish; the chain's roles approve; leadership reads. Plain forms throughout;
// with JavaScript the page follows what others do on the crisis's stream and says so.

export const links: LinksFunction = () => [{ rel: "stylesheet", href: statementStyles }];

type LoaderData = { matrix: StatementMatrix; can: { draft: boolean; approve: boolean }; viewer: string };
type ActionData = { message: string; status: number; values: TypedValues };

const notFound = () => Response.json({ message: "There is no such crisis." }, { status: 404, statusText: "Not Found" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:crisis");
  const ref = parseCrisisRef(params.ref ?? "");
  const cell = new URL(request.url).searchParams.get("cell");
  const matrix = ref ? await statementMatrix(ref, userActor(user) as Extract<ReturnType<typeof userActor>, { kind: "user" }>, cell) : null;
  if (!matrix) throw notFound();
  return Response.json({ matrix, can: { draft: can(user.roles, "draft:statement"), approve: can(user.roles, "approve:statement") }, viewer: user.email } satisfies LoaderData);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:crisis");
  const form = await readProtectedForm(request);
  const ref = parseCrisisRef(params.ref ?? "");
  if (!ref) throw notFound();
  const values = { subject: String(form.get("subject") ?? ""), body: String(form.get("body") ?? ""), note: String(form.get("note") ?? "") };
  const parsed = StatementAction.safeParse(Object.fromEntries(form));
  if (!parsed.success) return Response.json({ message: parsed.error.issues[0]?.message ?? "Fill in the form.", status: 400, values } satisfies ActionData, { status: 400 });
  const permission = STATEMENT_INTENT_PERMISSIONS[parsed.data.intent];
  if (!can(user.roles, permission)) throw forbidden(permission);
  const outcome = await actOnStatement(ref, parsed.data, userActor(user), requestContext(context).requestId);
  if (outcome.status === "applied") return redirect(`/crises/${ref}/statements?cell=${encodeURIComponent(outcome.cell)}&done=${encodeURIComponent(outcome.message)}#chosen`);
  const status = { forbidden: 403, not_found: 404, conflict: 409, refused: 409 }[outcome.status];
  return Response.json({ message: outcome.message, status, values } satisfies ActionData, { status });
}

export default function CrisisStatements() {
  const { matrix, can: allowed, viewer } = useLoaderData<LoaderData>();
  const failed = useActionData<ActionData>();
  const [search] = useSearchParams();
  const done = search.get("done");
  const chosen = search.get("cell");
  const { said } = useStatementsLive(matrix.ref, viewer);
  return (
    <div className="statements-page">
      <p>
        <Link to={`/crises/${matrix.ref}`}>Back to the crisis room</Link>
      </p>
      <h1>
        Statements: {matrix.ref}: {matrix.title}
      </h1>
      <p>
        <strong>Next update promised:</strong> {matrix.nextUpdateDueAt ? <When iso={matrix.nextUpdateDueAt} /> : "none"}. Publishing a members' holding statement or update promises the next one on the crisis's cadence.
      </p>
      <div aria-live="polite">
        {done && !failed ? <p className="notice success">{done}</p> : null}
        {said ? <p className="hint">{said}</p> : null}
      </div>
      <FormError message={failed?.message} />
      {matrix.chosen ? <ChosenCellPanel cell={matrix.chosen} canDraft={allowed.draft} canApprove={allowed.approve} typed={failed?.values ?? null} /> : null}
      {matrix.stages.map((block) => (
        <StageMatrix key={block.stage} block={block} chosen={chosen} />
      ))}
      {allowed.draft ? (
        <section aria-labelledby="draft-heading">
          <h2 id="draft-heading">Draft a cell</h2>
          <DraftAnotherCell matrix={matrix} />
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ params }) => [{ title: `Statements ${params.ref ?? ""} · Vigil` }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
