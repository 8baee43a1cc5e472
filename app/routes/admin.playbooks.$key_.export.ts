import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { exportVersion } from "~/models/playbooks/playbook-commands.server";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";

// GET /admin/playbooks/:key/export?version=N: that version's YAML as a file, as it was
// written; importing it elsewhere gives the same plan. Recorded in the audit log.

const ExportQuery = z.object({ version: z.coerce.number({ error: "Give the version to export." }).int().positive().max(1_000_000) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:playbook");
  const query = ExportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ message: "Give the version to export, e.g. ?version=1." }, { status: 400 });
  const actor = userActor(user) as Extract<ReturnType<typeof userActor>, { kind: "user" }>;
  const outcome = await exportVersion(params.key ?? "", query.data.version, actor, requestContext(context).requestId);
  if (outcome.status !== "ok") return Response.json({ message: outcome.message }, { status: outcome.status === "not_found" ? 404 : 403 });
  return new Response(outcome.value.source, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${outcome.value.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
