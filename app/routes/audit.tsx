import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field, SelectField } from "~/components/form-field";
import type { ChainCheck } from "~/models/audit-verify.server";
import type { AuditFilters } from "~/models/audit.server";
import { listAuditActions, listAuditEntries, runIntegrityCheck } from "~/models/audit.server";
import { auditSubjectKey, auditSubjectNames, subjectIdOf } from "~/models/audit-subjects.server";
import { actorWords } from "~/models/actor";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { can, isRole, ROLE_LABELS } from "~/utils/permissions";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = z.preprocess(blankToUndefined, z.string().trim().max(200, "Use at most 200 characters.").optional());
// datetime-local sends no zone; the explorer shows and filters times in UTC.
const LATEST = Date.parse("9999-12-31T00:00Z");
const utcMinute = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Use a date and time such as 2026-05-01T14:30.")
    .refine((v) => !Number.isNaN(Date.parse(`${v}Z`)), "This is not a valid date and time.")
    // "To" reaches to the end of its minute, and nothing is stored past the year 9999.
    .refine((v) => Date.parse(`${v}Z`) < LATEST, "Use a date before 31 December 9999.")
    .optional(),
);
const seq = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());

const FilterSchema = z
  .object({ actor: text, action: text, subjectType: text, subjectId: text, from: utcMinute, to: utcMinute, before: seq, after: seq })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "“To” must not be before “From”." });

const CheckSchema = z.object({ intent: z.literal("verify") });

const FILTER_FIELDS = ["actor", "action", "subjectType", "subjectId", "from", "to"] as const;
type FilterField = (typeof FILTER_FIELDS)[number];

type AuditRow = {
  seq: number;
  at: string;
  actorLabel: string;
  role: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  /** The subject as people know it: "Case C-…", "User Ada Admin (…)". */
  subject: string;
  reason: string | null;
  before: string | null;
  after: string | null;
};

type LoaderData = {
  /** The filters as typed, so the form shows them again. */
  values: Record<FilterField, string>;
  errors: Partial<Record<FilterField, string[]>> | null;
  actions: string[];
  canVerify: boolean;
  entries: AuditRow[];
  newerAfter: number | null;
  olderBefore: number | null;
};

type ActionData = { check: ChainCheck; unrecorded?: string };

function toFilters(f: z.infer<typeof FilterSchema>): AuditFilters {
  // "To" includes the whole minute (or second) it names.
  const to = f.to ? new Date(Date.parse(`${f.to}Z`) + (f.to.length === 16 ? 60_000 : 1_000)) : undefined;
  return { ...f, from: f.from ? new Date(`${f.from}Z`) : undefined, to };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:audit");
  const params = new URL(request.url).searchParams;
  const values = Object.fromEntries(FILTER_FIELDS.map((k) => [k, params.get(k) ?? ""])) as LoaderData["values"];
  const parsed = FilterSchema.safeParse(Object.fromEntries(params));
  const base = { values, actions: await listAuditActions(), canVerify: can(user.roles, "verify:audit") };
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return Response.json({ ...base, errors, entries: [], newerAfter: null, olderBefore: null } satisfies LoaderData, { status: 400 });
  }
  const { before, after } = parsed.data;
  const subjectId = parsed.data.subjectId ? await subjectIdOf(parsed.data.subjectId) : undefined;
  const page = await listAuditEntries(toFilters({ ...parsed.data, subjectId }), { before, after });
  const subjects = await auditSubjectNames(page.entries);
  const entries = page.entries.map(({ prevHash: _p, hash: _h, actorId: _a, requestId: _r, ...e }) => ({ ...e, at: e.at.toISOString(), subject: subjects.get(auditSubjectKey(e)) ?? e.subjectType }));
  return Response.json({ ...base, errors: null, ...page, entries } satisfies LoaderData);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "verify:audit");
  const form = await readProtectedForm(request);
  if (!CheckSchema.safeParse(Object.fromEntries(form)).success) {
    throw Response.json({ message: "This form asks for nothing Vigil knows how to do." }, { status: 400, statusText: "Bad Request" });
  }
  return Response.json((await runIntegrityCheck(userActor(user), requestContext(context).requestId)) satisfies ActionData);
}

export default function AuditExplorer() {
  const { values, errors, actions, canVerify, entries, newerAfter, olderBefore } = useLoaderData<LoaderData>();
  const actionData = useActionData<ActionData>();
  const checking = useNavigation().formMethod?.toUpperCase() === "POST";
  const filtersQuery = new URLSearchParams(Object.entries(values).filter(([, v]) => v));
  const pageLink = (key: "before" | "after", value: number) => `?${new URLSearchParams([...filtersQuery, [key, String(value)]])}`;

  return (
    <>
      <h1>Audit log</h1>
      {canVerify ? (
        <Form method="post" className="filters">
          <CsrfInput />
          <button type="submit" name="intent" value="verify" disabled={checking}>
            {checking ? "Checking…" : "Run integrity check"}
          </button>
          {actionData ? <CheckResult check={actionData.check} unrecorded={actionData.unrecorded} /> : null}
        </Form>
      ) : null}

      <Form method="get" className="filters" aria-label="Filter audit entries">
        <Field label="Actor contains" name="actor" type="search" defaultValue={values.actor} errors={errors?.actor} />
        <SelectField label="Action" name="action" defaultValue={values.action} errors={errors?.action}>
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </SelectField>
        <Field label="Subject type" name="subjectType" defaultValue={values.subjectType} errors={errors?.subjectType} />
        <Field label="Subject id or reference" name="subjectId" defaultValue={values.subjectId} errors={errors?.subjectId} />
        <Field label="From (UTC)" name="from" type="datetime-local" defaultValue={values.from} errors={errors?.from} />
        <Field label="To (UTC)" name="to" type="datetime-local" defaultValue={values.to} errors={errors?.to} />
        <button type="submit">Apply filters</button>
        <Link to="/audit">Clear filters</Link>
      </Form>

      <table className="stack wide">
        <caption className="hint">Newest first, {entries.length} shown. Times are UTC.</caption>
        <thead>
          <tr>
            {["Seq", "Time", "Actor", "Role", "Action", "Subject", "Reason", "Change"].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td data-label="Seq" className="mono">{e.seq}</td>
              <td data-label="Time">
                <time dateTime={e.at}>{e.at.slice(0, 19).replace("T", " ")}</time>
              </td>
              <td data-label="Actor">{actorWords(e.actorLabel)}</td>
              <td data-label="Role">{e.role ? roleWords(e.role) : "—"}</td>
              <td data-label="Action" className="mono">{e.action}</td>
              <td data-label="Subject">{e.subject}</td>
              <td data-label="Reason">{e.reason ?? "—"}</td>
              <td data-label="Change">{e.before || e.after ? <Change before={e.before} after={e.after} /> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 ? <p className="notice">{errors ? "Correct the filters above." : "No audit entries match these filters."}</p> : null}

      <nav className="pager" aria-label="Audit log pages">
        {newerAfter !== null ? <Link to={pageLink("after", newerAfter)}>Newer entries</Link> : null}
        {olderBefore !== null ? <Link to={pageLink("before", olderBefore)}>Older entries</Link> : null}
      </nav>
    </>
  );
}

/** A role as the app names it ("Trust & safety lead"); intake and timers as what they are. */
const roleWords = (role: string) => role.split(",").map((r) => (isRole(r) ? ROLE_LABELS[r] : r.replace(/[-_]/g, " "))).join(", ");

const countEntries = (n: number) => (n === 1 ? "1 entry" : `${n} entries`);

function CheckResult({ check, unrecorded }: { check: ChainCheck; unrecorded?: string }) {
  if (check.ok) {
    return (
      <p role="status" className="notice success">
        Integrity check passed: {countEntries(check.count)} verified.{unrecorded ? ` ${unrecorded}` : ""}
      </p>
    );
  }
  return (
    <p role="alert" className="notice error">
      Integrity check failed: {check.firstBad.reason}. {countEntries(check.count)} before it verified.{unrecorded ? ` ${unrecorded}` : ""}
    </p>
  );
}

function pretty(value: string | null): string {
  if (value === null) return "—";
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

function Change({ before, after }: { before: string | null; after: string | null }) {
  return (
    <details>
      <summary>Before and after</summary>
      <p className="hint">Before</p>
      <pre className="snapshot">{pretty(before)}</pre>
      <p className="hint">After</p>
      <pre className="snapshot">{pretty(after)}</pre>
    </details>
  );
}

export const meta: MetaFunction = () => [{ title: "Audit log · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
