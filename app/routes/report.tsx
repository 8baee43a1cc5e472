import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { LanguageSwitcher } from "~/components/public/language-switcher";
import type { ReportFormReply, ReportValues } from "~/components/public/report-form";
import { REPORT_FIELDS, ReportErrorSummary, ReportForm } from "~/components/public/report-form";
import type { PublicCopy, PublicLocale, PublicPageHandle } from "~/i18n/public";
import { publicCopy, withChosenLanguage } from "~/i18n/public";
import { publicLocale } from "~/i18n/public/locale.server";
import { AUDIT_ATTENTION_RETRY_SECONDS } from "~/models/accounts/api-errors.server";
import { AuditLogNeedsAttention } from "~/models/audit/audit.server";
import { recordReport } from "~/models/intake/intake.server";
import { hitRateLimit } from "~/models/accounts/rate-limit.server";
import { canonicalLanguage, reportFormOptions } from "~/models/intake/reports.server";
import { MAX_TEXT_LENGTH, subjectFromInput } from "~/models/intake/subject-key";
import type { RootData } from "~/root";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";

// The public report form: no sign-in, works without JavaScript (plain POST, then a
// redirect to the receipt), keeps what was typed when something is wrong, and speaks the
// member's language (Accept-Language, or the switcher's `?lang=`), messages included.

export const handle: PublicPageHandle = { publicPage: true };

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

function reportFormSchema(locale: PublicLocale) {
  const e = publicCopy(locale).errors;
  const n = (value: number) => value.toLocaleString(locale);
  // PostgreSQL text cannot hold U+0000; a browser never sends it, a crafted request might.
  const NO_NUL = [(s: string) => !s.includes("\u0000"), e.noNul] as const;
  return z.object({
    subject: z.string().trim().min(1, e.subjectRequired).max(2048, e.subjectTooLong(n(2048))).refine(...NO_NUL),
    subjectType: z.enum(["content", "account"], { error: e.subjectType }),
    ruleCode: z.string().min(1, e.ruleRequired),
    text: z.preprocess(blankToUndefined, z.string().max(MAX_TEXT_LENGTH, e.textTooLong(n(MAX_TEXT_LENGTH))).refine(...NO_NUL).optional()),
    language: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((tag, ctx) => canonicalLanguage(tag) ?? (ctx.addIssue({ code: "custom", message: e.language }), z.NEVER))
        .optional(),
    ),
    note: z.preprocess(blankToUndefined, z.string().max(2000, e.noteTooLong(n(2000))).refine(...NO_NUL).optional()),
    contact: z.preprocess(blankToUndefined, z.string().trim().max(254, e.contactTooLong(n(254))).refine(...NO_NUL).optional()),
  });
}

type LoaderData = Awaited<ReturnType<typeof reportFormOptions>> & { locale: PublicLocale; maxText: string };

export const REPORT_FORM_LIMIT = { perIp: 10, windowSeconds: 600 } as const;
const FORM_BODY_LIMIT_BYTES = 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = publicLocale(request);
  const options = await reportFormOptions(locale);
  return Response.json({ ...options, locale, maxText: MAX_TEXT_LENGTH.toLocaleString(locale) } satisfies LoaderData);
}

async function readForm(request: Request, copy: PublicCopy): Promise<FormData> {
  if (Number(request.headers.get("Content-Length") ?? 0) > FORM_BODY_LIMIT_BYTES) {
    throw Response.json({ message: copy.errors.tooLarge }, { status: 413 });
  }
  try {
    return await readProtectedForm(request);
  } catch (error) {
    if (error instanceof Response) throw error;
    throw Response.json({ message: copy.errors.unreadable }, { status: 400 });
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = publicLocale(request);
  const copy = publicCopy(locale);
  const form = await readForm(request, copy);
  const values = Object.fromEntries(
    REPORT_FIELDS.map((name) => {
      const value = form.get(name);
      return [name, typeof value === "string" ? value : ""];
    }),
  ) as ReportValues;
  const parsed = reportFormSchema(locale).safeParse(values);
  if (!parsed.success) {
    return Response.json({ fieldErrors: z.flattenError(parsed.error).fieldErrors, values } satisfies ReportFormReply, { status: 400 });
  }
  const { clientIp, requestId } = requestContext(context);
  const limit = await hitRateLimit(`report-form:ip:${clientIp}`, REPORT_FORM_LIMIT.perIp, REPORT_FORM_LIMIT.windowSeconds);
  if (!limit.allowed) {
    const formError = copy.errors.rateLimited(Math.ceil(limit.retryAfterSeconds / 60));
    return Response.json({ formError, values } satisfies ReportFormReply, {
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
    return Response.json({ formError, values } satisfies ReportFormReply, { status: 503, headers: { "Retry-After": String(AUDIT_ATTENTION_RETRY_SECONDS) } });
  }
  if (outcome.kind !== "accepted") {
    return Response.json({ fieldErrors: { ruleCode: [copy.errors.ruleGone] }, values } satisfies ReportFormReply, { status: 400 });
  }
  const receipt = `/report/sent?ref=${encodeURIComponent(outcome.body.reportRef)}`;
  return redirect(withChosenLanguage(receipt, new URL(request.url).search));
}

export default function ReportPage() {
  const { locale, ...options } = useLoaderData<LoaderData>();
  const reply = useActionData<ReportFormReply>();
  const copy = publicCopy(locale);
  return (
    <section>
      <ReportErrorSummary copy={copy} reply={reply} />
      <LanguageSwitcher locale={locale} />
      <h1>{copy.form.heading}</h1>
      <p>{copy.form.intro}</p>
      <ReportForm copy={copy} options={options} reply={reply} />
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as RootData | undefined;
  return [{ title: publicCopy(root?.locale).form.title }];
};

// A limited report tells the browser when to come back, also on a plain (no JavaScript) post.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
