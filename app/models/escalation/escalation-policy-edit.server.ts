import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { PolicyDefinition, PolicyVersionConflict, currentPolicyVersion, publishPolicyVersion } from "./escalation-policy.server";
import type { PolicyDraft, PolicyFieldErrors, PolicyFormIntent } from "./policy-form";
import { candidateOf, fieldErrorsOf, rearrange } from "./policy-form";

// An admin's edit of the escalation policy from the editor's form: rearranging tiers and
// skip rules writes nothing; saving checks the whole draft (every message beside its
// field, at once) and publishes a new version only when all of it holds.

export type PolicyEditOutcome =
  | { status: "draft"; draft: PolicyDraft; focus: string }
  | { status: "invalid"; draft: PolicyDraft; errors: PolicyFieldErrors; message: string }
  | { status: "published"; version: number };

/** The policy schema plus what only the store knows: the community rules a skip may name. */
function editSchema(ruleCodes: string[]) {
  return PolicyDefinition.superRefine(
    (def, ctx) => {
      const rules = Array.isArray(def.skipRules) ? def.skipRules : [];
      rules.forEach((rule, i) => {
        const code = typeof rule?.ruleCode === "string" ? rule.ruleCode.trim() : "";
        if (code && !ruleCodes.includes(code)) ctx.addIssue({ code: "custom", message: `There is no community rule “${code}”.`, path: ["skipRules", i, "ruleCode"] });
      });
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );
}

function invalid(draft: PolicyDraft, errors: PolicyFieldErrors, message?: string): PolicyEditOutcome {
  const count = Object.keys(errors).filter((k) => k !== "form").length;
  return { status: "invalid", draft, errors, message: message ?? `Nothing was published: ${count === 1 ? "one field needs" : `${count} fields need`} attention.` };
}

export async function editPolicy(input: { draft: PolicyDraft; intent: PolicyFormIntent }, ctx: { actor: Actor; requestId?: string | null }): Promise<PolicyEditOutcome> {
  const { draft, intent } = input;
  if (intent.kind !== "save") return { status: "draft", ...rearrange(draft, intent) };

  const rules = await prisma.rule.findMany({ select: { code: true } });
  const parsed = editSchema(rules.map((r) => r.code)).safeParse(candidateOf(draft));
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error.issues);
  const note = draft.note.trim();
  if (!note) errors.note = ["Say why the policy changes; the note is kept with the version."];
  else if (note.length > 500) errors.note = ["At most 500 characters."];
  if (!parsed.success || errors.note) return invalid(draft, errors);

  const current = await currentPolicyVersion();
  if (current && JSON.stringify(current.definition) === JSON.stringify(parsed.data)) {
    return invalid(draft, { form: ["This is the current policy, unchanged."] }, "Nothing was published: change something first.");
  }
  try {
    const version = await publishPolicyVersion({ definition: parsed.data, note, actor: ctx.actor, requestId: ctx.requestId, expectedVersion: draft.baseVersion });
    return { status: "published", version: version.version };
  } catch (error) {
    if (!(error instanceof PolicyVersionConflict)) throw error;
    // The admin's draft stays; publishing again (after a look at the new version) is their call.
    const message = `Nothing was published: version ${error.current} was published while you were editing. Your changes are still below; compare them with version ${error.current} in the history and publish again.`;
    return invalid({ ...draft, baseVersion: error.current }, { form: [message] }, message);
  }
}
