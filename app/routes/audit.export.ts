import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { AuditFilterSchema, toAuditFilters } from "~/models/audit/audit-filters";
import { startAuditExport } from "~/models/audit/audit-export.server";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";

// GET /audit/export?format=ndjson|csv&<the explorer's filters>: the log streamed in chain
// order. NDJSON is the form `npm run audit:verify -- --file` checks offline.

const ExportQuery = z.object({ format: z.enum(["ndjson", "csv"], { error: "Choose ndjson or csv." }).default("ndjson") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:audit");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = ExportQuery.safeParse(params);
  const filters = AuditFilterSchema.safeParse(params);
  if (!query.success || !filters.success) {
    const issues = [...(query.error?.issues ?? []), ...(filters.error?.issues ?? [])];
    return Response.json({ message: `The export cannot run: ${issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; ")}` }, { status: 400 });
  }
  const run = await startAuditExport(toAuditFilters(filters.data), query.data.format, userActor(user), requestContext(context).requestId);
  return new Response(run.stream, {
    headers: {
      "Content-Type": run.contentType,
      "Content-Disposition": `attachment; filename="${run.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      // For the page's progress bar: how many entries the file will hold.
      "X-Vigil-Entries": String(run.count),
    },
  });
}
