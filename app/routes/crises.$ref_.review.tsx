import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CrisisSeverityBadge } from "~/components/crisis/crisis-badges";
import { ReviewFacts } from "~/components/crisis/review-facts";
import type { Failed } from "~/components/crisis/review-forms";
import { ActionItems } from "~/components/crisis/action-items";
import { ReviewStatusForms, ReviewText } from "~/components/crisis/review-forms";
import { FormError } from "~/components/form-field";
import { REVIEW_INTENT_PERMISSIONS, ReviewAction } from "~/forms/crisis-review";
import { errorsByField } from "~/forms/playbook";
import { parseCrisisRef } from "~/models/cases/refs";
import { actOnReview } from "~/models/crises/crisis-review-commands.server";
import type { ReviewView } from "~/models/crises/crisis-review-view.server";
import { crisisReviewView } from "~/models/crises/crisis-review-view.server";
import { assignablePeople } from "~/models/crises/crisis-views.server";
import { CRISIS_STATES } from "~/models/crises/crisis-words";
import { forbidden, requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { can } from "~/utils/permissions";
import crisisStyles from "~/styles/crisis.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: crisisStyles }];

// A crisis's post-crisis review (docs/decisions/0025): the facts Vigil read from the
// timeline, what the team writes, action items, and the sign-off by a trust & safety lead
// or leadership that closes the crisis. Reading needs read:crisis; each change names its
// own permission (REVIEW_INTENT_PERMISSIONS).

type LoaderData = { view: ReviewView; can: { write: boolean; signOff: boolean }; people: { id: string; label: string }[]; today: string };
type ActionData = { message: string; status: number } & NonNullable<Failed>;

const notFound = () => Response.json({ message: "There is no such crisis." }, { status: 404, statusText: "Not Found" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:crisis");
  const ref = parseCrisisRef(params.ref ?? "");
  const view = ref ? await crisisReviewView(ref) : null;
  if (!view) throw notFound();
  const write = can(user.roles, "work:crisis-task");
  return Response.json({
    view,
    can: { write, signOff: can(user.roles, "sign-off:crisis-review") },
    // Owners to choose from: for new items while the review is open, and for changing items, also after.
    people: write && view.review ? await assignablePeople() : [],
    today: new Date().toISOString().slice(0, 10),
  } satisfies LoaderData);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:crisis");
  const form = await readProtectedForm(request);
  const ref = parseCrisisRef(params.ref ?? "");
  if (!ref) throw notFound();
  const values = Object.fromEntries([...form].filter(([k]) => k !== "csrf").map(([k, v]) => [k, String(v)]));
  const intent = values.intent ?? "";
  const answer = (status: number, message: string, errors: Record<string, string[]> = {}) => Response.json({ message, status, intent, values, errors } satisfies ActionData, { status });
  const parsed = ReviewAction.safeParse(values);
  if (!parsed.success) return answer(400, "Nothing was changed: check the form.", errorsByField(parsed.error));
  const permission = REVIEW_INTENT_PERMISSIONS[parsed.data.intent];
  if (!can(user.roles, permission)) throw forbidden(permission);
  const outcome = await actOnReview(ref, parsed.data, userActor(user), requestContext(context).requestId);
  if (outcome.status === "applied") return redirect(`/crises/${ref}/review?done=${encodeURIComponent(outcome.message)}`);
  if (outcome.status === "invalid") return answer(422, "Nothing was changed: check the form.", { [outcome.field]: [outcome.message] });
  return answer({ forbidden: 403, not_found: 404, conflict: 409, refused: 409 }[outcome.status], outcome.message);
}

export default function CrisisReview() {
  const { view, can: allowed, people, today } = useLoaderData<LoaderData>();
  const failed = useActionData<ActionData>() ?? null;
  const done = useSearchParams()[0].get("done");
  const { crisis, review } = view;
  const open = crisis.state === "resolved";
  return (
    <div className="crisis-page review-page">
      <p>
        <Link to={`/crises/${crisis.ref}`}>Back to the crisis room</Link> · <a href={`/crises/${crisis.ref}/review.md`}>Download as Markdown</a>
      </p>
      <h1>
        Review of {crisis.ref}: {crisis.title}
      </h1>
      <ul className="crisis-header" aria-label="The review at a glance">
        <li>
          <CrisisSeverityBadge severity={crisis.severity} />
        </li>
        <li>
          <strong>Crisis:</strong> {CRISIS_STATES[crisis.state as keyof typeof CRISIS_STATES] ?? crisis.state}
        </li>
        <li>
          <strong>Review:</strong> {review ? review.statusLabel : "opens when the crisis is resolved"}
        </li>
      </ul>
      <div aria-live="polite">{done && !failed ? <p className="notice success">{done}</p> : null}</div>
      <FormError message={failed?.message} />

      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">What the timeline shows</h2>
        <ReviewFacts facts={view.facts} />
      </section>

      {review ? (
        <>
          <section aria-labelledby="written-heading">
            <h2 id="written-heading">What the team says</h2>
            <ReviewText review={review} version={crisis.version} canWrite={allowed.write && open} failed={failed} />
          </section>
          <section aria-labelledby="actions-heading">
            <h2 id="actions-heading">Action items</h2>
            <p className="hint">Tasks with an owner and a due date. They stay open after the crisis closes, until they are done, and may be changed or reopened then too.</p>
            <ActionItems items={view.actionItems} people={people} canAdd={allowed.write && open} canWork={allowed.write} failed={failed} today={today} />
          </section>
          <section aria-labelledby="signoff-heading">
            <h2 id="signoff-heading">Sign-off</h2>
            <ReviewStatusForms review={review} version={crisis.version} can={{ write: allowed.write && open, signOff: allowed.signOff && open }} />
          </section>
        </>
      ) : (
        <p>The review opens when the crisis is resolved: its playbook's last step done.</p>
      )}
    </div>
  );
}

export const meta: MetaFunction = ({ params }) => [{ title: `Review of ${params.ref ?? "a crisis"} · Vigil` }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
