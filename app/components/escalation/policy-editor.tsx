import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { CheckboxGroup, Field, FieldErrors, FormError, SelectField, TextareaField } from "~/components/form-field";
import type { MinuteField, PolicyDraft, PolicyFieldErrors, SkipRuleDraft, TierDraft } from "~/models/escalation/policy-form";
import { MINUTE_FIELDS, fieldId, intentValue, ruleField, tierField } from "~/models/escalation/policy-form";
import type { PriorityBand } from "~/models/cases/priority";
import { PRIORITY_BAND_KEYS } from "~/models/cases/priority";

// The escalation policy as a form: one fieldset per tier (in order, with buttons to move
// and remove it), one per skip rule, the warning point and the note. Every button is a
// plain submit with an `intent`, so it all works without JavaScript; the server answers
// with the draft rearranged or with each message beside its field.

export type Option = { value: string; label: string };
type Props = {
  draft: PolicyDraft;
  errors: PolicyFieldErrors;
  message: string | null;
  /** The id of the control to focus after the server rearranged the draft. */
  focus: string | null;
  roles: Option[];
  rules: Option[];
  nextVersion: number;
};

const BAND_LABELS: Record<PriorityBand, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };
const CLOCK_LABELS: Record<MinuteField, string> = { firstResponseMinutes: "First response", resolutionMinutes: "Resolution" };

function IntentButton({ value, label, focus, className = "secondary" }: { value: string; label: string; focus: string | null; className?: string }) {
  const id = fieldId(value);
  return (
    <button type="submit" name="intent" value={value} id={id} className={className} autoFocus={focus === id}>
      {label}
    </button>
  );
}

function MinutesInput({ name, label, value, errors, focus }: { name: string; label: string; value: string; errors?: string[]; focus: string | null }) {
  const id = fieldId(name);
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <>
      <input id={id} name={name} type="text" inputMode="numeric" size={6} defaultValue={value} aria-label={label} aria-invalid={errorId ? true : undefined} aria-describedby={errorId} autoFocus={focus === id} />
      <FieldErrors id={errorId} errors={errors} />
    </>
  );
}

/** What a folded tier shows: who may act and how long critical cases may wait. */
function tierSummary(tier: TierDraft, roles: Option[]): string {
  const who = tier.roles.map((r) => roles.find((o) => o.value === r)?.label ?? r).join(", ") || "no roles yet";
  const critical = tier.firstResponseMinutes.critical && tier.resolutionMinutes.critical ? ` · critical: ${tier.firstResponseMinutes.critical} / ${tier.resolutionMinutes.critical} minutes` : "";
  return `Who may act: ${who}${critical}`;
}

function TierFieldset({ tier, index, count, errors, roles, focus }: { tier: TierDraft; index: number; count: number; errors: PolicyFieldErrors; roles: Option[]; focus: string | null }) {
  const n = index + 1;
  const name = (field: Parameters<typeof tierField>[1]) => tierField(index, field);
  const text = (field: "key" | "label", label: string, hint: string) => (
    <Field label={label} hint={hint} id={fieldId(name(field))} name={name(field)} type="text" autoComplete="off" defaultValue={tier[field]} errors={errors[name(field)]} autoFocus={focus === fieldId(name(field))} />
  );
  const prefix = `policy-tiers-${index}-`;
  const ownButtons = [intentValue.moveUp(index), intentValue.moveDown(index), intentValue.removeTier(index)].map(fieldId);
  // Folded unless it needs attention: a message in it, the focus the server sent back (a
  // tier just added or moved), or, on a fresh page, the first tier as an example.
  const open =
    Object.keys(errors).some((field) => fieldId(field).startsWith(prefix)) || (focus ? focus.startsWith(prefix) || ownButtons.includes(focus) : index === 0);
  return (
    <fieldset className="policy-tier">
      <legend>
        Tier {n}
        {tier.label ? `: ${tier.label}` : ""}
      </legend>
      <details open={open}>
        <summary>{tierSummary(tier, roles)}</summary>
        <div className="policy-tier-fields">
          <div className="policy-tier-names">
            {text("key", "Key", "Lowercase letters, digits and _: how skip rules and filters name it.")}
            {text("label", "Label", "What moderators see, e.g. “Senior moderator”.")}
          </div>
          <CheckboxGroup legend="Who may act" name={name("roles")} options={roles} defaultValues={tier.roles} errors={errors[name("roles")]} />
          <table className="policy-minutes">
            <caption>Minutes allowed, per priority band</caption>
            <thead>
              <tr>
                <th scope="col">Band</th>
                {MINUTE_FIELDS.map((f) => (
                  <th key={f} scope="col">
                    {CLOCK_LABELS[f]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {PRIORITY_BAND_KEYS.map((band) => (
                <tr key={band}>
                  <th scope="row">{BAND_LABELS[band]}</th>
                  {MINUTE_FIELDS.map((f) => (
                    <td key={f}>
                      <MinutesInput name={name(`${f}.${band}`)} label={`Tier ${n}, ${BAND_LABELS[band]}: ${CLOCK_LABELS[f].toLowerCase()} minutes`} value={tier[f][band]} errors={errors[name(`${f}.${band}`)]} focus={focus} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <div className="policy-row-actions">
        {index > 0 ? <IntentButton value={intentValue.moveUp(index)} label={`Move tier ${n} up`} focus={focus} /> : null}
        {index < count - 1 ? <IntentButton value={intentValue.moveDown(index)} label={`Move tier ${n} down`} focus={focus} /> : null}
        <IntentButton value={intentValue.removeTier(index)} label={`Remove tier ${n}`} focus={focus} className="danger" />
      </div>
    </fieldset>
  );
}

function SkipRuleFieldset({ rule, index, tiers, errors, rules, focus }: { rule: SkipRuleDraft; index: number; tiers: TierDraft[]; errors: PolicyFieldErrors; rules: Option[]; focus: string | null }) {
  const n = index + 1;
  const code = ruleField(index, "ruleCode");
  const tier = ruleField(index, "tier");
  // The select posts the tier's position; a key that no tier has any more stays visible.
  const position = tiers.findIndex((t) => t.key.trim() === rule.tier);
  return (
    <fieldset className="policy-skip-rule">
      <legend>Skip rule {n}</legend>
      <SelectField label="A report under the rule" id={fieldId(code)} name={code} defaultValue={rule.ruleCode} errors={errors[code]} autoFocus={focus === fieldId(code)}>
        <option value="">Choose a rule</option>
        {rules.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
        {rule.ruleCode && !rules.some((r) => r.value === rule.ruleCode) ? <option value={rule.ruleCode}>{rule.ruleCode} (not a community rule)</option> : null}
      </SelectField>
      <SelectField label="goes straight to" id={fieldId(tier)} name={tier} defaultValue={position >= 0 ? String(position) : rule.tier} errors={errors[tier]}>
        <option value="">Choose a tier</option>
        {tiers.map((t, i) => (
          <option key={i} value={String(i)}>
            {t.label || t.key || `Tier ${i + 1}`}
          </option>
        ))}
        {position < 0 && rule.tier ? <option value={rule.tier}>{rule.tier} (no such tier)</option> : null}
      </SelectField>
      <label className="policy-check">
        <input type="checkbox" name={ruleField(index, "page")} value="on" defaultChecked={rule.page} /> and pages that tier (inbox and webhooks)
      </label>
      <IntentButton value={intentValue.removeRule(index)} label={`Remove skip rule ${n}`} focus={focus} className="danger" />
    </fieldset>
  );
}

export function PolicyEditor({ draft, errors, message, focus, roles, rules, nextVersion }: Props) {
  return (
    <Form method="post" noValidate aria-labelledby="edit-policy" className="policy-editor">
      <CsrfInput />
      <input type="hidden" name="baseVersion" value={draft.baseVersion ?? ""} />
      {/* Enter in a text field presses the form's first submit button: make that "publish". */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        Publish
      </button>
      <FormError message={message} />
      <h3 id="policy-tiers">Tiers, lowest first</h3>
      <p className="hint">A case starts at the first tier; escalating, or a missed deadline, moves it one tier up.</p>
      <FieldErrors id="policy-tiers-error" errors={errors.tiers} />
      {draft.tiers.map((t, i) => (
        <TierFieldset key={i} tier={t} index={i} count={draft.tiers.length} errors={errors} roles={roles} focus={focus} />
      ))}
      <IntentButton value="add-tier" label="Add a tier" focus={focus} />

      <h3>Rules that skip tiers</h3>
      <FieldErrors errors={errors.skipRules} />
      {draft.skipRules.length === 0 ? <p>No rule skips tiers: every case starts at the first.</p> : null}
      {draft.skipRules.map((r, i) => (
        <SkipRuleFieldset key={i} rule={r} index={i} tiers={draft.tiers} errors={errors} rules={rules} focus={focus} />
      ))}
      <IntentButton value="add-rule" label="Add a skip rule" focus={focus} />

      <h3>Publish</h3>
      <Field
        label="Warn when this share of a deadline's window has passed (percent)"
        id={fieldId("warnAtPercent")}
        name="warnAtPercent"
        type="text"
        inputMode="numeric"
        defaultValue={draft.warnAtPercent}
        errors={errors.warnAtPercent}
      />
      <TextareaField label="Why it changes" id={fieldId("note")} name="note" rows={2} defaultValue={draft.note} errors={errors.note} hint="Kept with the version and in the audit log." />
      <button type="submit" name="intent" value="save">
        Publish version {nextVersion}
      </button>
    </Form>
  );
}
