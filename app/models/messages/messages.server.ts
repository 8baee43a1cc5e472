import { z } from "zod";
import type { TriageOutcome } from "@machines/triage";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import { appendAudit } from "../audit/audit.server";
import type { ReporterView } from "../cases/reporter-identity";
import { RECIPIENT_VIEW, STORED_VIEW, reporterName, reporterValues, visibleReporter } from "../cases/reporter-identity";
import { ruleTitle } from "../intake/rules.server";
import type { Audience, Purpose } from "../templates/template-purposes";
import { CHANNELS, PURPOSES } from "../templates/template-purposes";
import type { Rendered, Values, Variants } from "../templates/template-render";
import { pickVariant, renderTemplate } from "../templates/template-render";
import { approvedTemplates, parseVariants, templateSpec } from "../templates/templates.server";
import { missingNeeds, missingReason, missingVariables } from "./variables";
import { queueMessage } from "./member-messages.server";

export type { DeliveryBody } from "./member-messages.server";
import { parseJsonAs } from "~/utils/json";

// Messages to a case's reporters and its author: Vigil proposes the approved templates
// that fit the case, renders them in the recipient's language, and sends one by writing
// the message record and its outbox row in one transaction. A reporter is addressed by
// their report's ref; what an author receives is rendered from values that hold nothing
// about any reporter, so no template can leak a reporter's identity to the author.
// Reporter variables are filled as the reader may see them (reporter-identity.ts): the
// outbox row holds the text as delivered, the message record the text as the log shows
// it to anyone. The delivery worker (app/services/message-delivery.server.ts) posts the
// outbox row's body.

const OUTCOME_WORDS: Record<string, Record<string, string>> = {
  en: { dismiss: "no action needed", remove_content: "content removed", warn: "a warning", mute: "a mute", suspend: "a suspension", ban: "a ban" },
  pl: { dismiss: "brak naruszenia", remove_content: "usunięcie treści", warn: "ostrzeżenie", mute: "wyciszenie", suspend: "zawieszenie", ban: "blokada" },
  it: { dismiss: "nessuna azione necessaria", remove_content: "contenuto rimosso", warn: "un avvertimento", mute: "silenziamento", suspend: "una sospensione", ban: "un ban" },
  lv: { dismiss: "rīcība nav nepieciešama", remove_content: "saturs noņemts", warn: "brīdinājums", mute: "apklusināšana", suspend: "apturēšana", ban: "bloķēšana" },
  zh: { dismiss: "无需处理", remove_content: "内容已删除", warn: "警告", mute: "禁言", suspend: "暂停账号", ban: "封禁" },
};

/** Which author notice fits each enforcement action. */
const AUTHOR_PURPOSE: Record<string, Purpose> = { remove_content: "content_removed", warn: "warning", mute: "mute", suspend: "suspension", ban: "ban" };

export type Recipient = { key: string; kind: "reporter" | "author"; label: string; language: string | null; address: string };

export type Proposal = {
  recipientKey: string;
  templateKey: string;
  purpose: Purpose;
  channel: string;
  version: number;
  /** What the recipient receives, in their language. */
  rendered: Rendered;
  /** The same message in the viewer's language, for reading beside it; null when it is the same language. */
  inViewerLanguage: Rendered | null;
};

/** An approved template that fits a recipient but needs values this case lacks. */
export type Unavailable = { recipientKey: string; templateKey: string; missing: string[]; needs: string };

async function loadCase(ref: string) {
  return prisma.case.findUnique({ where: { ref }, include: { reports: { orderBy: { receivedAt: "asc" } }, enforcements: true } });
}
type CaseWithReports = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

function outcomeOf(c: CaseWithReports): TriageOutcome | null {
  return parseJsonAs(z.custom<TriageOutcome>((o: unknown) => typeof o === "object" && o !== null && typeof (o as { action?: unknown }).action === "string"),
    c.resolution,
  );
}

/**
 * A case's possible recipients: one per report (its reporter, in the report's language,
 * which is what Vigil knows of the reporter's language) and the author.
 */
export function recipientsOf(c: CaseWithReports, view: ReporterView): Recipient[] {
  const reporters = c.reports.map((r): Recipient => {
    const name = reporterName(r, view);
    const self = visibleReporter(r, RECIPIENT_VIEW);
    return {
      key: r.ref,
      kind: "reporter",
      label: name ? `Reporter ${name} (report ${r.ref})` : `Reporter of report ${r.ref}`,
      language: r.language ?? c.language,
      address: self?.contact || self?.handle || r.ref,
    };
  });
  const author: Recipient[] = c.authorHandle ? [{ key: "author", kind: "author", label: `Author ${c.authorHandle}`, language: c.language, address: c.authorHandle }] : [];
  return [...reporters, ...author];
}

async function valuesFor(c: CaseWithReports, recipient: Recipient, language: string, view: ReporterView): Promise<Values> {
  const outcome = outcomeOf(c);
  const rule = await prisma.rule.findUnique({ where: { code: (outcome?.action !== "dismiss" && outcome?.ruleCode) || c.ruleCode }, include: { translations: true } });
  const base = language.split("-")[0];
  const values: Values = {
    "case.ref": c.ref,
    "rule.title": rule ? ruleTitle(rule, language) : c.ruleCode,
    "outcome.label": outcome ? ((OUTCOME_WORDS[base] ?? OUTCOME_WORDS.en)[outcome.action] ?? outcome.action) : "",
    "support.url": "https://support.example.com",
  };
  if (recipient.kind === "author") {
    values["author.handle"] = c.authorHandle ?? "";
    values["strike.count"] = c.authorHandle ? await prisma.enforcementAction.count({ where: { authorHandle: c.authorHandle } }) : 0;
  } else {
    Object.assign(values, reporterValues(c.reports.find((r) => r.ref === recipient.key), view));
  }
  return values;
}

type Rendering = { rendered: Rendered; missing?: undefined } | { missing: string[]; rendered?: undefined } | null;

/**
 * Renders in the language the fallback chain picks, with values (rule title, outcome) in
 * that language too and the reporter as `view` may see them; or names the variables the
 * case cannot fill (judged on the real values, so a hidden reporter is not a present one);
 * null without a variant.
 */
async function renderFor(c: CaseWithReports, recipient: Recipient, purpose: string, variants: Variants, requested: string | null | undefined, defaultLanguage: string, view: ReporterView): Promise<Rendering> {
  const picked = pickVariant(variants, requested, defaultLanguage);
  if (!picked) return null;
  const real = await valuesFor(c, recipient, picked.language, RECIPIENT_VIEW);
  const missing = missingVariables(purpose, picked.variant, picked.language, real);
  if (missing.length > 0) return { missing };
  const values = view === RECIPIENT_VIEW ? real : await valuesFor(c, recipient, picked.language, view);
  const rendered = renderTemplate(variants, picked.language, defaultLanguage, values);
  return rendered && { rendered };
}

function purposesFor(c: CaseWithReports, kind: Recipient["kind"]): Purpose[] {
  const outcome = outcomeOf(c);
  if (kind === "author") {
    const first = outcome && AUTHOR_PURPOSE[outcome.action];
    return [...(first ? [first] : []), ...Object.values(AUTHOR_PURPOSE).filter((p) => p !== first), "appeal_outcome"];
  }
  return outcome ? ["outcome_reporter", "thank_you", "acknowledge_reporter", "apology", "support"] : ["acknowledge_reporter", "thank_you", "apology", "support", "outcome_reporter"];
}

const audienceOf = (purpose: string): Audience | null => (purpose in PURPOSES ? PURPOSES[purpose as Purpose].audience : null);

/**
 * Approved templates for each recipient, rendered in their language as `view` may read
 * them, best fit first, each beside its rendering in `viewerLanguage` (when that differs).
 * Templates that need a value the case lacks are not proposed; they are listed with what they lack.
 */
export async function proposeMessages(caseRef: string, view: ReporterView, viewerLanguage: string | null = null) {
  const c = await loadCase(caseRef);
  if (!c) return null;
  const recipients = recipientsOf(c, view);
  // In-app first: the reply a member sees where they reported.
  const channelRank = (channel: string) => CHANNELS.indexOf(channel as (typeof CHANNELS)[number]);
  const approved = (await approvedTemplates()).sort((a, b) => channelRank(a.template.channel) - channelRank(b.template.channel));
  const proposals: Proposal[] = [];
  const unavailable: Unavailable[] = [];
  for (const recipient of recipients) {
    for (const purpose of purposesFor(c, recipient.kind)) {
      for (const v of approved.filter((a) => a.template.purpose === purpose)) {
        const variants = parseVariants(v.variants);
        const ready = await renderFor(c, recipient, purpose, variants, recipient.language, v.template.defaultLanguage, view);
        if (ready?.missing) unavailable.push({ recipientKey: recipient.key, templateKey: v.template.key, missing: ready.missing, needs: missingNeeds(ready.missing) });
        if (!ready?.rendered) continue;
        const rendered = ready.rendered;
        const beside = viewerLanguage ? await renderFor(c, recipient, purpose, variants, viewerLanguage, v.template.defaultLanguage, view) : null;
        const inViewerLanguage = beside?.rendered && beside.rendered.language !== rendered.language ? beside.rendered : null;
        proposals.push({ recipientKey: recipient.key, templateKey: v.template.key, purpose, channel: v.template.channel, version: v.version, rendered, inViewerLanguage });
      }
    }
  }
  return { caseId: c.id, recipients, proposals, unavailable };
}

/**
 * Values from a real case for previewing a template meant for `audience`, as `view` may
 * read them; null if the case has no such recipient.
 */
export async function caseValues(caseRef: string, audience: Audience, language: string, view: ReporterView): Promise<Values | null> {
  const c = await loadCase(caseRef);
  const recipient = c ? recipientsOf(c, view).find((r) => r.kind === audience) : undefined;
  return c && recipient ? valuesFor(c, recipient, language, view) : null;
}

export type SendInput = { caseRef: string; templateKey: string; recipientKey: string; language?: string | null };
export type SendOutcome =
  | { status: "sent"; messageId: string; language: string; version: number }
  | { status: "forbidden" | "not_found" | "refused"; message: string };

/** Sends the approved version of a template to one of the case's recipients, through the outbox. */
export async function sendMessage(input: SendInput, actor: Actor, requestId: string | null = null): Promise<SendOutcome> {
  if (actor.kind === "user" && !can(actor.roles, "send:message")) return { status: "forbidden", message: "You need the permission “send:message” to do this." };
  const c = await loadCase(input.caseRef);
  if (!c) return { status: "not_found", message: `There is no case “${input.caseRef}”.` };
  const template = await prisma.template.findUnique({ where: { key: input.templateKey }, include: { versions: { where: { status: "approved" } } } });
  if (!template) return { status: "not_found", message: `There is no template “${input.templateKey}”.` };
  const version = template.versions[0];
  if (!version) return { status: "refused", message: `“${template.key}” has no approved version; only approved templates can be sent.` };
  const recipient = recipientsOf(c, STORED_VIEW).find((r) => r.key === input.recipientKey);
  if (!recipient) return { status: "refused", message: "Choose a reporter or the author of this case." };
  if (audienceOf(template.purpose) !== recipient.kind) return { status: "refused", message: `“${template.key}” is not written for the ${recipient.kind}.` };
  const requested = input.language || recipient.language;
  const variants = parseVariants(version.variants);
  // What the recipient reads, and what the log keeps for everyone else who may read it.
  const ready = await renderFor(c, recipient, template.purpose, variants, requested, template.defaultLanguage, RECIPIENT_VIEW);
  if (!ready) return { status: "refused", message: `“${template.key}” has no text in ${requested ?? template.defaultLanguage}.` };
  // Checked here too: a form from before the case changed (or a crafted one) must not send "Wynik: .".
  if (ready.missing) return { status: "refused", message: missingReason(template.key, ready.missing) };
  const delivered = ready.rendered;
  const stored = (await renderFor(c, recipient, template.purpose, variants, requested, template.defaultLanguage, STORED_VIEW))?.rendered;
  if (!stored) return { status: "refused", message: `“${template.key}” has no text in ${requested ?? template.defaultLanguage}.` };
  const { channel } = templateSpec(template);
  const at = new Date();
  const message = await prisma.$transaction(async (tx) => {
    const row = await queueMessage(tx, {
      subject: { type: "case", ref: c.ref, caseId: c.id },
      recipient: recipient.kind === "reporter" ? { kind: "reporter", reportRef: recipient.key, address: recipient.address } : { kind: "author", address: recipient.address },
      template: { key: template.key, version: version.version, versionId: version.id },
      language: stored.language,
      channel,
      stored,
      delivered,
      sentById: actor.kind === "user" ? actor.id : null,
      at,
    });
    await appendAudit(tx, {
      actor,
      permission: "send:message",
      action: "message.sent",
      subjectType: "Message",
      subjectId: row.id,
      after: { caseRef: c.ref, templateKey: template.key, version: version.version, language: stored.language, channel, recipientKind: recipient.kind, recipient: row.recipient },
      requestId,
      at,
    });
    return row;
  });
  return { status: "sent", messageId: message.id, language: stored.language, version: version.version };
}

