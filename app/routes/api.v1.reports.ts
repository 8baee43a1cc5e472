import type { ActionFunctionArgs } from "@remix-run/node";
import { answerResponse, apiRequestOf, methodNotAllowed } from "~/models/accounts/api-errors.server";
import { answerReportRequest } from "~/models/intake/report-api.server";
import { requestContext } from "~/utils/context.server";

// POST /api/v1/reports: a platform sends one member's report (docs/api.md). The HTTP
// server answers most of these before Remix's router, through the same function
// (answerReportRequest; scripts/server.mjs, docs/decisions/0026).

export async function loader() {
  return methodNotAllowed(["POST"]);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return answerResponse(await answerReportRequest(apiRequestOf(request), requestContext(context)));
}
