import { z } from "zod";
import type { AuditFilters } from "./audit.server";

// The audit filters as the explorer's form and the export's link send them; one schema
// for both, so an export holds exactly what the explorer showed.

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

export const AuditFilterFields = z.object({ actor: text, action: text, subjectType: text, subjectId: text, from: utcMinute, to: utcMinute });
const fromBeforeTo = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to;
const fromBeforeToError = { path: ["to"], message: "“To” must not be before “From”." };
export const AuditFilterSchema = AuditFilterFields.refine(fromBeforeTo, fromBeforeToError);
const seq = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());
/** The explorer's query: the filters and where in the log the page starts. */
export const AuditPageSchema = AuditFilterFields.extend({ before: seq, after: seq }).refine(fromBeforeTo, fromBeforeToError);
export const AUDIT_FILTER_FIELDS = Object.keys(AuditFilterFields.shape) as (keyof AuditFilterValues)[];
export type AuditFilterValues = z.infer<typeof AuditFilterFields>;

export function toAuditFilters(values: AuditFilterValues): AuditFilters {
  return {
    actor: values.actor,
    action: values.action,
    subjectType: values.subjectType,
    subjectId: values.subjectId,
    from: values.from ? new Date(`${values.from}Z`) : undefined,
    // "To" includes the whole minute (or second) it names.
    to: values.to ? new Date(Date.parse(`${values.to}Z`) + (values.to.length === 16 ? 60_000 : 1_000)) : undefined,
  };
}
