import { z } from "zod";
import type { ApiAnswer, ApiRequest } from "../accounts/api-errors.server";
import { answerApiRequest, apiRefusal, checkApiKey, methodNotAllowedAnswer, readJsonBody } from "../accounts/api-errors.server";
import type { VigilContext } from "~/utils/context.server";
import { idempotencyHash, recordReport } from "./intake.server";
import { canonicalLanguage } from "./reports.server";
import { MAX_TEXT_LENGTH, parseHttpUrl } from "./subject-key";

// POST /api/v1/reports: a platform sends one member's report (docs/api.md). The one
// implementation of the endpoint, on a plain request: the Remix route
// (app/routes/api.v1.reports.ts) answers through it, and so does the HTTP server before
// Remix's router for the requests a raid brings (scripts/server.mjs, decision 26).

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

function json(bodyJson: string, status: number, headers: Record<string, string> = {}): ApiAnswer {
  return { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers }, body: bodyJson };
}

/** The answer to a request for POST /api/v1/reports (any other method answers 405). */
export function answerReportRequest(request: ApiRequest, { clientIp, requestId }: VigilContext): Promise<ApiAnswer> {
  return answerApiRequest(async () => {
    if (request.method !== "POST") return methodNotAllowedAnswer(["POST"]);
    const apiKey = await checkApiKey(request, clientIp);
    const idempotencyKey = request.header("Idempotency-Key");
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      return apiRefusal(400, "invalid_request", "The Idempotency-Key header must be 1 to 255 visible ASCII characters.", {
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
      return apiRefusal(400, "invalid_request", "The report is not valid; see issues.", { issues });
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
        return apiRefusal(422, "idempotency_key_reused", "This Idempotency-Key was already used with a different request body.");
      case "unknown_rule":
        return apiRefusal(422, "unknown_rule", `No rule has the code “${outcome.ruleCode}”. GET /api/v1/rules lists the codes.`);
    }
  });
}
