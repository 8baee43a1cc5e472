import { z } from "zod";
import type { AuditFilters } from "./audit.server";

// The audit filters as the explorer's form and the export's link send them; one schema
// for both, so an export holds exactly what the explorer showed.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = z.preprocess(blankToUndefined, z.string().trim().max(200, "Use at most 200 characters.").optional());
// datetime-local sends no zone; the explorer shows and filters times in UTC.
const utcMinute = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Use a date and time such as 2026-05-01T14:30.")
    .refine((v) => v.slice(0, 4) >= "1970" && v.slice(0, 4) <= "9998" && !Number.isNaN(Date.parse(`${v}Z`)), "This is not a valid date and time.")
    .optional(),
);

export const AuditFilterFields = z.object({ actor: text, action: text, subjectType: text, subjectId: text, from: utcMinute, to: utcMinute });
export const AuditFilterSchema = AuditFilterFields.refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "“To” must not be before “From”." });
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
