import { z } from "zod";

// The playbook pages' forms, one schema each, read by the routes and typed for the
// components: the editor (check, save, rehearse), publishing, and importing a file.

export const SOURCE_LIMIT = 100_000;
export const REHEARSAL_LIMITS = { horizonMs: 30 * 86_400_000, events: 5_000, linkedCases: 1_000_000, actions: 200 } as const;

const source = z
  .string({ error: "Write or paste the playbook's YAML." })
  .max(SOURCE_LIMIT, `Keep the playbook under ${SOURCE_LIMIT.toLocaleString("en")} characters.`)
  .refine((s) => s.trim().length > 0, "Write or paste the playbook's YAML.");
const note = z.string().trim().max(500, "Keep the note to 500 characters or fewer.").optional();

export const RehearsalSchema = z.object({
  type: z.string().max(100),
  severity: z.string().max(20),
  linkedCases: z.string().trim().max(12, "Give a whole number."),
  policy: z.enum(["half-deadline", "never"], { error: "Choose what everyone else does." }),
  never: z.array(z.string().max(100)).max(500),
  actions: z
    .string()
    .max(20_000, "Keep the actions to 20,000 characters.")
    .refine((s) => s.split(/\n/).filter((l) => l.trim()).length <= REHEARSAL_LIMITS.actions, `Give at most ${REHEARSAL_LIMITS.actions} actions.`),
  horizon: z.string().trim().max(12, "Give a duration such as 72h."),
});
export type RehearsalValues = z.infer<typeof RehearsalSchema>;

export const EditorSchema = z.object({
  intent: z.enum(["save", "rehearse"], { error: "Choose Check, Save or Rehearse." }),
  source,
  note,
  rehearsal: RehearsalSchema,
});
export type EditorValues = { source: string; note: string; rehearsal: RehearsalValues };

/** A check needs only the text: the editor checks it as the author types. */
export const CheckSchema = z.object({ source });

export const PublishSchema = z.object({ version: z.coerce.number({ error: "Choose a version." }).int().positive().max(1_000_000) });

export const ImportSchema = z.object({ source, note });

/** The editor's fields as typed, so a refused form comes back with them. */
export function readEditorForm(form: FormData): EditorValues & { intent: string } {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    intent: text("intent"),
    // Browsers send a textarea's line ends as CRLF; the YAML is kept with the author's LF.
    source: text("source").replace(/\r\n/g, "\n"),
    note: text("note"),
    rehearsal: {
      type: text("type"),
      severity: text("severity"),
      linkedCases: text("linkedCases"),
      policy: text("policy") as RehearsalValues["policy"],
      never: form.getAll("never").filter((v): v is string => typeof v === "string"),
      actions: text("actions"),
      horizon: text("horizon"),
    },
  };
}

/** Zod issues as messages by field: "source", "note", "rehearsal.type", … */
export function errorsByField(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) (errors[issue.path.slice(0, 2).join(".") || "form"] ??= []).push(issue.message);
  return errors;
}
