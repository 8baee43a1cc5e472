import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerApi, methodNotAllowed, notFound, requireApiKey } from "~/models/accounts/api-errors.server";
import { getCaseForApiKey } from "~/models/cases/cases.server";
import { parseRef } from "~/models/cases/refs";
import { requestContext } from "~/utils/context.server";

// GET /api/v1/cases/:ref: where a case stands, for the platform that reported it.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return answerApi(async () => {
    const apiKey = await requireApiKey(request, requestContext(context).clientIp);
    const ref = parseRef(params.ref ?? "", "case");
    const found = ref ? await getCaseForApiKey(ref, apiKey.id) : null;
    if (!found) return notFound(`No case “${params.ref ?? ""}” among the cases this key reported.`);
    return Response.json({
      ref: found.ref,
      state: found.state,
      priority: found.priority,
      reports: found.reportCount,
      createdAt: found.createdAt.toISOString(),
      updatedAt: found.updatedAt.toISOString(),
    });
  });
}

export async function action() {
  return methodNotAllowed(["GET"]);
}
