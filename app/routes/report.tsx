import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormError, SelectField, TextareaField } from "~/components/form-field";
import { AUDIT_ATTENTION_RETRY_SECONDS } from "~/models/api-errors.server";
import { AuditLogNeedsAttention } from "~/models/audit.server";
import { recordReport } from "~/models/intake.server";
import { hitRateLimit } from "~/models/rate-limit.server";
import { canonicalLanguage, reportFormOptions } from "~/models/reports.server";
import { MAX_TEXT_LENGTH, subjectFromInput } from "~/models/subject-key";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";

// The public report form: no sign-in, works without JavaScript (plain POST, then a
// redirect to the receipt), keeps what was typed when something is wrong.

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
// PostgreSQL text cannot hold U+0000; a browser never sends it, a crafted request might.
const NO_NUL = [(s: string) => !s.includes("\u0000"), "Remove the NUL character (U+0000) from this field."] as const;
const ReportFormSchema = z.object({
  subject: z
    .string()
    .trim()
    .min(1, "Enter the link to the post or account, or its id.")
    .max(2048, "The link is too long: at most 2,048 characters.")
    .refine(...NO_NUL),
  subjectType: z.enum(["content", "account"], { error: "Choose whether you are reporting a post or an account." }),
  ruleCode: z.string().min(1, "Choose the rule it breaks."),
  text: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(MAX_TEXT_LENGTH, `The text is longer than ${MAX_TEXT_LENGTH.toLocaleString("en")} characters. Paste the part that breaks the rule.`)
      .refine(...NO_NUL)
      .optional(),
  ),
  language: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((tag, ctx) => canonicalLanguage(tag) ?? (ctx.addIssue({ code: "custom", message: "Choose a language from the list." }), z.NEVER))
      .optional(),
  ),
  note: z.preprocess(blankToUndefined, z.string().max(2000, "Keep the note under 2,000 characters.").refine(...NO_NUL).optional()),
  contact: z.preprocess(
    blankToUndefined,
    z.string().trim().max(254, "Keep your contact under 254 characters.").refine(...NO_NUL).optional(),
  ),
});

const FIELDS = ["subject", "subjectType", "ruleCode", "text", "language", "note", "contact"] as const;
type Values = Record<(typeof FIELDS)[number], string>;
type LoaderData = Awaited<ReturnType<typeof reportFormOptions>>;
type ActionData = { formError?: string; fieldErrors?: Partial<Record<keyof Values, string[]>>; values: Values };

export const REPORT_FORM_LIMIT = { perIp: 10, windowSeconds: 600 } as const;
const FORM_BODY_LIMIT_BYTES = 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  return Response.json((await reportFormOptions(request)) satisfies LoaderData);
}

async function readForm(request: Request): Promise<FormData> {
  if (Number(request.headers.get("Content-Length") ?? 0) > FORM_BODY_LIMIT_BYTES) {
    throw Response.json({ message: "This report is too large to send. Shorten the text and try again." }, { status: 413 });
  }
  try {
    return await readProtectedForm(request);
  } catch (error) {
    if (error instanceof Response) throw error;
    throw Response.json({ message: "The form could not be read. Reload the page and try again." }, { status: 400 });
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const values = Object.fromEntries(
    FIELDS.map((name) => {
      const value = form.get(name);
      return [name, typeof value === "string" ? value : ""];
    }),
  ) as Values;
  const parsed = ReportFormSchema.safeParse(values);
  if (!parsed.success) {
    return Response.json({ fieldErrors: z.flattenError(parsed.error).fieldErrors, values } satisfies ActionData, { status: 400 });
  }
  const { clientIp, requestId } = requestContext(context);
  const limit = await hitRateLimit(`report-form:ip:${clientIp}`, REPORT_FORM_LIMIT.perIp, REPORT_FORM_LIMIT.windowSeconds);
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    const formError = `Many reports have come from your network in the last few minutes. Your report was not sent; please try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}. What you typed is kept below.`;
    return Response.json({ formError, values } satisfies ActionData, {
      status: 429,
      headers: { "Retry-After": String(limit.retryAfterSeconds) },
    });
  }
  const data = parsed.data;
  const outcome = await recordReport(
    {
      source: "form",
      subject: { type: data.subjectType, ...subjectFromInput(data.subject), text: data.text, language: data.language },
      ruleCode: data.ruleCode,
      note: data.note,
      reporter: { contact: data.contact },
    },
    { actor: { kind: "member" }, requestId },
  ).catch((error: unknown) => {
    if (!(error instanceof AuditLogNeedsAttention)) throw error;
    console.error(`A report from the public form was refused. ${error.message}`);
    return null;
  });
  if (!outcome) {
    const formError = "Vigil cannot take reports right now: its audit log needs an administrator's attention. Your report was not sent; please try again later. What you typed is kept below.";
    return Response.json({ formError, values } satisfies ActionData, { status: 503, headers: { "Retry-After": String(AUDIT_ATTENTION_RETRY_SECONDS) } });
  }
  if (outcome.kind !== "accepted") {
    const fieldErrors = { ruleCode: ["This rule no longer exists. Choose one from the list."] };
    return Response.json({ fieldErrors, values } satisfies ActionData, { status: 400 });
  }
  return redirect(`/report/sent?ref=${encodeURIComponent(outcome.body.reportRef)}`);
}

export default function ReportPage() {
  const { rules, languages } = useLoaderData<LoaderData>();
  const actionData = useActionData<ActionData>();
  const values = actionData?.values;
  const errors = actionData?.fieldErrors;
  const sending = useNavigation().state === "submitting";
  return (
    <section>
      <h1>Report content</h1>
      <p>
        Tell the moderators about a post or an account that breaks the community rules. You do not need an account.
      </p>
      <FormError message={actionData?.formError} />
      {errors ? (
        <p role="alert" className="notice error">
          Your report was not sent. Check the fields marked below.
        </p>
      ) : null}
      <Form method="post" className="stack">
        <CsrfInput />
        <Field
          label="Link to the post or account, or its id"
          name="subject"
          type="text"
          required
          autoComplete="off"
          hint="Paste the address from your browser, for example https://community.example/p/123."
          defaultValue={values?.subject}
          errors={errors?.subject}
        />
        <SelectField label="What are you reporting?" name="subjectType" defaultValue={values?.subjectType || "content"} errors={errors?.subjectType}>
          <option value="content">A post or message</option>
          <option value="account">An account</option>
        </SelectField>
        <SelectField label="Which rule does it break?" name="ruleCode" required defaultValue={values?.ruleCode ?? ""} errors={errors?.ruleCode}>
          <option value="">Choose a rule</option>
          {rules.map((rule) => (
            <option key={rule.code} value={rule.code}>
              {rule.title}
            </option>
          ))}
        </SelectField>
        <TextareaField
          label="The text, as you see it (optional)"
          name="text"
          rows={6}
          hint={`Copy the words exactly: moderators see this snapshot even if the post is changed or deleted. Up to ${MAX_TEXT_LENGTH.toLocaleString("en")} characters.`}
          defaultValue={values?.text}
          errors={errors?.text}
        />
        <SelectField label="Language of the text (optional)" name="language" defaultValue={values?.language ?? ""} errors={errors?.language}>
          <option value="">Not sure</option>
          {languages.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </SelectField>
        <TextareaField
          label="Anything else the moderators should know? (optional)"
          name="note"
          rows={3}
          defaultValue={values?.note}
          errors={errors?.note}
        />
        <Field
          label="Your email or handle, if you want to hear back (optional)"
          name="contact"
          type="text"
          autoComplete="email"
          hint="Only senior moderation staff see it. It is never shown to the person you report."
          defaultValue={values?.contact}
          errors={errors?.contact}
        />
        <div>
          <button type="submit" disabled={sending}>
            {sending ? "Sending…" : "Send report"}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Report content · Vigil" }];

// A limited report tells the browser when to come back, also on a plain (no JavaScript) post.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
