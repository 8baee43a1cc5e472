import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { answerApi, apiError, methodNotAllowed, readJsonBody, requireApiKey } from "~/models/accounts/api-errors.server";
import { idempotencyHash, recordReport } from "~/models/intake/intake.server";
import { canonicalLanguage } from "~/models/intake/reports.server";
import { MAX_TEXT_LENGTH, parseHttpUrl } from "~/models/intake/subject-key";
import { requestContext } from "~/utils/context.server";

// POST /api/v1/reports: a platform sends one member's report (docs/api.md).

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max.toLocaleString("en")} characters`)
    .refine((s) => !UNPAIRED_SURROGATE.test(s), "must be valid Unicode (it contains an unpaired surrogate)")
    // PostgreSQL text cannot hold U+0000; refused on every store so both behave alike.
    .refine((s) => !s.includes("\u0000"), "must not contain the NUL character (U+0000)");
const present = (s: string) => s.trim().length > 0;

const ReportBody = z.object({
  source: z.enum(["member", "platform"], { error: 'must be "member" or "platform"' }),
  subject: z.object({
    type: z.enum(["content", "account"], { error: 'must be "content" or "account"' }),
    id: text(512).refine(present, "must not be empty"),
    url: text(2048)
      .refine((s) => /^https?:\/\//i.test(s.trim()) && parseHttpUrl(s) !== null, "must be an absolute http or https URL")
      .nullish(),
    authorHandle: text(256).nullish(),
    text: text(MAX_TEXT_LENGTH).nullish(),
    language: z
      .string()
      .transform((tag, ctx) => canonicalLanguage(tag) ?? (ctx.addIssue({ code: "custom", message: "must be a language tag such as en or pt-BR" }), z.NEVER))
      .nullish(),
  }),
  ruleCode: text(64).refine((s) => s.length > 0, "must not be empty"),
  note: text(2000).nullish(),
  reporter: z
    .object({ id: text(256).refine(present, "must not be empty").nullish(), handle: text(256).refine(present, "must not be empty").nullish() })
    .nullish(),
  occurredAt: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z" }).nullish(),
});

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function json(bodyJson: string, status: number, headers: Record<string, string> = {}) {
  return new Response(bodyJson, { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });
}

export async function loader() {
  return methodNotAllowed(["POST"]);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return answerApi(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const { clientIp, requestId } = requestContext(context);
    const apiKey = await requireApiKey(request, clientIp);
    const idempotencyKey = request.headers.get("Idempotency-Key");
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      return apiError(400, "invalid_request", "The Idempotency-Key header must be 1 to 255 visible ASCII characters.", {
        issues: [{ path: "headers.Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" }],
      });
    }
    const raw = await readJsonBody(request);
    const parsed = ReportBody.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.map(String).join("."),
        message: i.code === "invalid_type" && i.message.endsWith("received undefined") ? "is required" : i.message,
      }));
      return apiError(400, "invalid_request", "The report is not valid; see issues.", { issues });
    }
    const body = parsed.data;
    const outcome = await recordReport(
      {
        source: body.source,
        subject: body.subject,
        ruleCode: body.ruleCode,
        note: body.note,
        reporter: body.reporter,
        occurredAt: body.occurredAt ? new Date(body.occurredAt) : null,
      },
      {
        actor: { kind: "api-key", id: apiKey.id, name: apiKey.name },
        requestId,
        idempotency: idempotencyKey ? { key: idempotencyKey, requestHash: idempotencyHash(body) } : null,
      },
    );
    switch (outcome.kind) {
      case "accepted":
        return json(outcome.bodyJson, outcome.status);
      case "replayed":
        return json(outcome.bodyJson, outcome.status, { "Idempotent-Replayed": "true" });
      case "idempotency_key_reused":
        return apiError(422, "idempotency_key_reused", "This Idempotency-Key was already used with a different request body.");
      case "unknown_rule":
        return apiError(422, "unknown_rule", `No rule has the code “${outcome.ruleCode}”. GET /api/v1/rules lists the codes.`);
    }
  });
}
