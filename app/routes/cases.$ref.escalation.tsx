import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { PERSON_ESCALATION_EVENTS } from "@machines/escalation";
import { applyEscalationCommand } from "~/models/escalation/escalation-commands.server";
import { parseRef } from "~/models/cases/refs";
import { requirePermission, safeRedirect, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";

// Escalation moves posted from the case page or the inbox. The escalation machine decides
// who may act (the current tier's roles); the answer comes back to the case page.

const Move = z.object({
  intent: z.enum(PERSON_ESCALATION_EVENTS),
  note: z.string().trim().max(2000).default(""),
  version: z.coerce.number().int().positive().optional(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "work:escalation");
  const form = await readProtectedForm(request);
  const ref = parseRef(params.ref ?? "", "case");
  const found = ref ? await prisma.case.findUnique({ where: { ref }, select: { id: true, ref: true } }) : null;
  if (!found) throw Response.json({ message: `There is no case “${params.ref ?? ""}”.` }, { status: 404 });
  const parsed = Move.safeParse(Object.fromEntries(form));
  if (!parsed.success) return redirect(`/cases/${found.ref}?escalation=${encodeURIComponent("Choose a move and write a note.")}`);
  const outcome = await applyEscalationCommand({
    caseId: found.id,
    type: parsed.data.intent,
    note: parsed.data.note,
    actor: userActor(user),
    expectedVersion: parsed.data.version,
    requestId: requestContext(context).requestId,
  });
  return redirect(`/cases/${found.ref}?escalation=${encodeURIComponent(outcome.message)}`);
}

export async function loader({ params }: ActionFunctionArgs) {
  // Encoded: the reference is whatever the address held, and a header takes no control characters.
  return redirect(safeRedirect(`/cases/${encodeURIComponent(params.ref ?? "")}`));
}
