import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field, SelectField } from "~/components/form-field";
import type { ChainCheck } from "~/models/audit/audit-verify.server";
import { ExportLinks } from "~/components/audit/export-links";
import type { Checkpoint } from "~/models/audit/audit-signing";
import { signCheckpointNow } from "~/models/audit/audit-checkpoints.server";
import { AUDIT_FILTER_FIELDS, AuditPageSchema, toAuditFilters } from "~/models/audit/audit-filters";
import { actionWords, fieldChanges } from "~/models/audit/audit-words";
import type { SubjectName } from "~/models/audit/audit-subjects.server";
import { listAuditActions, listAuditEntries, runIntegrityCheck } from "~/models/audit/audit.server";
import { auditSubjectKey, auditSubjectNames, subjectIdOf } from "~/models/audit/audit-subjects.server";
import { actorWords } from "~/models/accounts/actor";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { can, isRole, ROLE_LABELS } from "~/utils/permissions";

const CheckSchema = z.object({ intent: z.enum(["verify", "checkpoint"]) });

const FILTER_FIELDS = AUDIT_FILTER_FIELDS;
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
  /** Where to open it, when it has a page. */
  subjectHref: string | null;
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

type ActionData = { check: ChainCheck; unrecorded?: string } | { checkpoint: Checkpoint; created: boolean } | { checkpoint: null };

const subjectOf = (named: SubjectName | undefined, type: string) => ({ subject: named?.name ?? type, subjectHref: named?.href ?? null });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:audit");
  const params = new URL(request.url).searchParams;
  const values = Object.fromEntries(FILTER_FIELDS.map((k) => [k, params.get(k) ?? ""])) as LoaderData["values"];
  const parsed = AuditPageSchema.safeParse(Object.fromEntries(params));
  const base = { values, actions: await listAuditActions(), canVerify: can(user.roles, "verify:audit") };
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return Response.json({ ...base, errors, entries: [], newerAfter: null, olderBefore: null } satisfies LoaderData, { status: 400 });
  }
  const { before, after } = parsed.data;
  const subjectId = parsed.data.subjectId ? await subjectIdOf(parsed.data.subjectId) : undefined;
  const page = await listAuditEntries(toAuditFilters({ ...parsed.data, subjectId }), { before, after });
  const subjects = await auditSubjectNames(page.entries);
  const entries = page.entries.map(({ prevHash: _p, hash: _h, actorId: _a, requestId: _r, ...e }) => ({ ...e, at: e.at.toISOString(), ...subjectOf(subjects.get(auditSubjectKey(e)), e.subjectType) }));
  return Response.json({ ...base, errors: null, ...page, entries } satisfies LoaderData);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "verify:audit");
  const form = await readProtectedForm(request);
  const asked = CheckSchema.safeParse(Object.fromEntries(form));
  if (!asked.success) {
    throw Response.json({ message: "This form asks for nothing Vigil knows how to do." }, { status: 400, statusText: "Bad Request" });
  }
  if (asked.data.intent === "checkpoint") {
    return Response.json(((await signCheckpointNow(userActor(user), requestContext(context).requestId)) ?? { checkpoint: null }) satisfies ActionData);
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
          <button type="submit" name="intent" value="checkpoint" disabled={checking}>
            Sign a checkpoint now
          </button>
          {actionData && "check" in actionData ? <CheckResult check={actionData.check} unrecorded={actionData.unrecorded} /> : null}
          {actionData && "checkpoint" in actionData ? <CheckpointResult result={actionData} /> : null}
        </Form>
      ) : null}
      <p className="hint">
        Checkpoints of the chain are signed every hour and published at <a href="/.well-known/vigil-audit">/.well-known/vigil-audit</a>.
      </p>
      <ExportLinks query={filtersQuery} />

      <Form method="get" className="filters" aria-label="Filter audit entries">
        <Field label="Actor contains" name="actor" type="search" defaultValue={values.actor} errors={errors?.actor} />
        <SelectField label="Action" name="action" defaultValue={values.action} errors={errors?.action}>
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {actionWords(a)}
            </option>
          ))}
        </SelectField>
        <Field label="Subject type" name="subjectType" defaultValue={values.subjectType} errors={errors?.subjectType} />
        <Field label="Case or report reference (or subject id)" name="subjectId" defaultValue={values.subjectId} errors={errors?.subjectId} />
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
              <td data-label="Action">
                <abbr title={e.action}>{actionWords(e.action)}</abbr>
              </td>
              <td data-label="Subject">{e.subjectHref ? <Link to={e.subjectHref}>{e.subject}</Link> : e.subject}</td>
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

function CheckpointResult({ result }: { result: { checkpoint: Checkpoint; created: boolean } | { checkpoint: null } }) {
  if (!result.checkpoint) return <p role="status" className="notice">The log is empty: there is nothing to sign yet.</p>;
  const { seq, hash, at } = result.checkpoint;
  return (
    <p role="status" className="notice success">
      {"created" in result && result.created ? "Signed" : "Already signed"}: entry {seq} ({hash.slice(0, 12)}…) at {at.slice(0, 16).replace("T", " ")} UTC.
    </p>
  );
}

/** One row per field, changed fields first and marked, so a person sees what moved. */
function Change({ before, after }: { before: string | null; after: string | null }) {
  const rows = fieldChanges(before, after);
  const changed = rows.filter((r) => r.changed).length;
  return (
    <details>
      <summary>{changed === 1 ? "1 field changed" : `${changed} fields changed`}</summary>
      <table className="field-changes">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} className={r.changed ? "changed" : undefined}>
              <th scope="row">
                {r.field}
                {r.changed ? <span className="visually-hidden"> (changed)</span> : null}
              </th>
              <td>{r.before}</td>
              <td>{r.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export const meta: MetaFunction = () => [{ title: "Audit log · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
