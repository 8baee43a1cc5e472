// Audit actions as people read them: "case.undo_dismiss" is "Case: undo dismiss". The key
// stays available (on hover, and in the filter) for anyone who searches by it.

const SUBJECTS: Record<string, string> = {
  case: "Case",
  report: "Report",
  escalation: "Escalation",
  message: "Message",
  template: "Template",
  audit: "Audit log",
  user: "User",
  rule: "Rule",
  api_key: "API key",
  webhook: "Webhook",
  policy: "Escalation policy",
  session: "Sign-in",
  playbook: "Playbook",
};

export function actionWords(action: string): string {
  const [subject, ...rest] = action.split(".");
  const what = rest.join(" ").replace(/_/g, " ");
  const who = SUBJECTS[subject] ?? subject.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  return what ? `${who}: ${what}` : who;
}

export type FieldChange = { field: string; before: string; after: string; changed: boolean };

function words(value: unknown): string {
  if (value === undefined) return "—";
  if (value === null) return "none";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Before and after as one row per field, changed fields first, so a person sees what moved. */
export function fieldChanges(before: string | null, after: string | null): FieldChange[] {
  const parse = (v: string | null): Record<string, unknown> => {
    if (v === null) return {};
    try {
      const parsed: unknown = JSON.parse(v);
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
    } catch {
      return { value: v };
    }
  };
  const b = parse(before);
  const a = parse(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = fields.map((field) => ({ field, before: words(b[field]), after: words(a[field]), changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]) }));
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}
