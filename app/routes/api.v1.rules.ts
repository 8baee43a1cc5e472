import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerApi, methodNotAllowed, requireApiKey } from "~/models/accounts/api-errors.server";
import { listRules } from "~/models/intake/rules.server";
import { requestContext } from "~/utils/context.server";

// GET /api/v1/rules: the rule codes a platform may send, with their titles.

export async function loader({ request, context }: LoaderFunctionArgs) {
  return answerApi(async () => {
    await requireApiKey(request, requestContext(context).clientIp);
    const rules = await listRules();
    return Response.json({
      rules: rules.map((rule) => ({
        code: rule.code,
        severity: rule.severity,
        titles: Object.fromEntries(rule.translations.map((t) => [t.locale, t.title])),
      })),
    });
  });
}

export async function action() {
  return methodNotAllowed(["GET"]);
}
