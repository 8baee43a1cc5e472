import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import { BulkResults } from "~/components/queue/bulk-actions";
import type { BulkReply } from "~/components/queue/types";
import { parseCrisisRef } from "~/models/cases/refs";
import { linkCasesToCrisis } from "~/models/queue/queue-crisis-links.server";
import { assignCases, dismissAsSpam, findCaseWorker, selectedCases, undoSpamDismissals } from "~/models/queue/queue-work.server";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { can } from "~/utils/permissions";

// Bulk actions on the queue's ticked cases. With JavaScript the queue posts here through
// a fetcher and shows the result table itself; without, this child route renders the
// same table inside the queue page. Dismissing asks first (the same post again with
// `confirm`), and its result offers an undo while the dismissals' window is open.

const MAX_CASES = 200;

// Each ticked box sends "caseId:version": the version the moderator saw.
const Selection = z
  .array(z.string().regex(/^[\w-]{1,64}(:\d{1,9})?$/))
  .min(1, "Tick at least one case first.")
  .max(MAX_CASES, `Act on at most ${MAX_CASES} cases at once.`)
  .transform((values) =>
    [...new Map(values.map((v) => v.split(":")).map(([caseId, version]) => [caseId, version ? Number(version) : undefined])).entries()].map(
      ([caseId, version]) => ({ caseId, version }),
    ),
  );

const CaseId = z.string().regex(/^[\w-]{1,64}$/);

const BulkForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("dismiss_spam"), cases: Selection, confirm: z.literal("yes").optional() }),
  z.object({ intent: z.literal("assign"), cases: Selection, assigneeId: z.string().min(1, "Choose who to assign the cases to.").max(64) }),
  z.object({
    intent: z.literal("link_crisis"),
    cases: Selection,
    crisis: z
      .string()
      .trim()
      .min(1, "Choose the crisis to link the cases to.")
      .max(20)
      .transform((value, ctx) => parseCrisisRef(value) ?? (ctx.addIssue({ code: "custom", message: "Choose the crisis from the list." }), z.NEVER)),
  }),
  // Each case as the dismissal left it ("caseId:version"); `release` names the ones the dismissal had claimed.
  z.object({
    intent: z.literal("undo_dismiss"),
    cases: Selection.refine((cases) => cases.every((c) => c.version !== undefined), "The undo lost track of the cases' versions. Undo them from each case's page."),
    release: z.array(CaseId).max(MAX_CASES),
  }),
]);

const BULK_LABELS = { dismiss_spam: "Dismissed as spam", undo_dismiss: "Dismissal undone", assign: "Assigned", link_crisis: "Linked to a crisis" } as const;
const counted = (n: number, total: number, what: string) => `${what}: ${n} of ${total} ${total === 1 ? "case" : "cases"} done.`;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:case");
  const form = await readProtectedForm(request);
  const intent = form.get("intent");
  const parsed = BulkForm.safeParse({
    intent,
    cases: form.getAll("case"),
    assigneeId: form.get("assigneeId") ?? undefined,
    crisis: form.get("crisis") ?? undefined,
    confirm: form.get("confirm") ?? undefined,
    release: form.getAll("release"),
  });
  if (!parsed.success) {
    const error = parsed.error.issues[0]?.message ?? "The bulk action could not be read.";
    return Response.json({ intent: typeof intent === "string" ? intent : null, error } satisfies BulkReply, { status: 400 });
  }
  const actor = userActor(user);
  const { requestId } = requestContext(context);
  const input = parsed.data;
  // Bulk work is case work (linking, crisis work): each ticked case is answered, and nothing changes (the model checks again).
  const permission = input.intent === "link_crisis" ? "link:crisis-case" : "work:case";
  if (!can(user.roles, permission)) {
    const message = `You need the permission “${permission}” to do this.`;
    const results = (await selectedCases(input.cases)).map((c) => ({ caseId: c.caseId, ref: c.ref, status: "forbidden" as const, message }));
    return Response.json({ intent: input.intent, summary: counted(0, results.length, BULK_LABELS[input.intent]), results } satisfies BulkReply, { status: 403 });
  }
  if (input.intent === "dismiss_spam" && !input.confirm) {
    const cases = await selectedCases(input.cases);
    if (cases.length === 0) return Response.json({ intent: input.intent, error: "None of the ticked cases exists any more." } satisfies BulkReply, { status: 404 });
    return Response.json({ intent: input.intent, confirm: { cases } } satisfies BulkReply);
  }
  if (input.intent === "dismiss_spam") {
    const { results, undo } = await dismissAsSpam(input.cases, actor, requestId);
    const done = results.filter((r) => r.status === "applied").length;
    return Response.json({ intent: input.intent, summary: counted(done, results.length, "Dismissed as spam"), results, undo } satisfies BulkReply);
  }
  if (input.intent === "undo_dismiss") {
    const release = new Set(input.release);
    const cases = input.cases.flatMap(({ caseId, version }) => (version === undefined ? [] : [{ caseId, version, release: release.has(caseId) }]));
    const results = await undoSpamDismissals(cases, actor, requestId);
    const done = results.filter((r) => r.status === "applied").length;
    return Response.json({ intent: input.intent, summary: counted(done, results.length, "Dismissal undone"), results } satisfies BulkReply);
  }
  if (input.intent === "link_crisis") {
    const linked = await linkCasesToCrisis(input.cases, input.crisis, actor, requestId);
    if ("error" in linked) return Response.json({ intent: input.intent, error: linked.error } satisfies BulkReply, { status: 409 });
    const done = linked.results.filter((r) => r.status === "applied").length;
    return Response.json({ intent: input.intent, summary: counted(done, linked.results.length, `Linked to ${linked.crisisRef}`), results: linked.results } satisfies BulkReply);
  }
  const assignee = await findCaseWorker(input.assigneeId);
  if (!assignee) {
    return Response.json({ intent: input.intent, error: "That person cannot be assigned cases." } satisfies BulkReply, { status: 400 });
  }
  const results = await assignCases(input.cases, assignee, actor, requestId);
  const done = results.filter((r) => r.status === "applied").length;
  return Response.json({ intent: input.intent, summary: counted(done, results.length, `Assigned to ${assignee.name}`), results } satisfies BulkReply);
}

export default function QueueBulkResults() {
  return <BulkResults reply={useActionData<BulkReply>()} />;
}

export const meta: MetaFunction = () => [{ title: "Queue · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
