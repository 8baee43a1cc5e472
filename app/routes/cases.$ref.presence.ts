import type { ActionFunctionArgs } from "@remix-run/node";
import { latestCaseChange } from "~/models/cases/case-latest.server";
import { keepViewing, stopViewing } from "~/models/cases/case-view.server";
import { parseRef } from "~/models/cases/refs";
import { requirePermission } from "~/utils/auth.server";
import { readProtectedForm } from "~/utils/csrf.server";

// The case page's heartbeat: renews "viewing now" every 20 seconds and answers who else
// is viewing and the case's newest change; `intent=leave` (sent as the page closes) ends it at once.

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:case");
  const form = await readProtectedForm(request);
  const ref = parseRef(params.ref ?? "", "case");
  if (!ref) return Response.json({ message: "There is no such case." }, { status: 404 });
  if (form.get("intent") === "leave") {
    await stopViewing(ref, user.id);
    return Response.json({ viewers: [] });
  }
  const viewers = await keepViewing(ref, user);
  if (!viewers) return Response.json({ message: "There is no such case." }, { status: 404 });
  // The case's newest change too: the page shows it if its live stream never told of it.
  return Response.json({ viewers, latest: await latestCaseChange(ref) });
}

export async function loader() {
  return Response.json({ message: "Send a POST." }, { status: 405, headers: { Allow: "POST" } });
}
