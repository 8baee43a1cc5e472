import type { Tx } from "~/utils/db.server";
import { stepSubjectInTx } from "../workflow/write-path.server";
import { crisisSubject } from "../crises/crisis-subject.server";
import { queueMessage } from "../messages/member-messages.server";
import { enqueueWebhooks, webhookBody } from "../messages/outbox.server";
import type { StatementApplying } from "./statement-subject.server";
import { keepsCadence } from "./statement-words";

// What publishing a fully approved statement does, in the transaction of its PUBLISH:
// an in-app or email cell goes out through the outbox as any message to members does, the
// message recording the template version, language and the approvers' ids (for staff; the
// platform receives none of them); a public post goes to
// the status page (which reads published statements) and, through the `statement.published`
// webhook, to the social tool; a members' holding statement or update promises the next
// update on the crisis's cadence.

export async function sendPublished(tx: Tx, a: StatementApplying, approvers: string[]) {
  const row = a.locked.row!;
  const text = { language: row.language, subject: row.subject, body: row.body };
  if (row.channel === "public_post") {
    const message = `Vigil: ${a.locked.crisis.ref} ${row.stage} statement (${row.language}) approved for posting: ${row.body}`;
    const details = { statementRef: row.ref, crisisRef: a.locked.crisis.ref, audience: row.audience, language: row.language, post: row.body, approvals: approvers.length, at: a.at };
    await enqueueWebhooks(tx, "statement.published", webhookBody("statement.published", message, details), a.at);
    return;
  }
  if (!row.templateKey || row.templateVersion === null || !row.templateVersionId) throw new Error(`${row.ref} has no template to send it with.`);
  await queueMessage(tx, {
    subject: { type: "statement", ref: row.ref },
    recipient: { kind: "public", channel: `${row.channel}:${row.audience}` },
    template: { key: row.templateKey, version: row.templateVersion, versionId: row.templateVersionId },
    language: row.language,
    channel: row.channel,
    stored: text,
    delivered: text,
    sentById: a.command.actor.kind === "user" ? a.command.actor.id : null,
    approvedByIds: approvers,
    at: a.at,
  });
}

/** A members' holding statement or update keeps the cadence's promise: the next update is due one interval from now. */
export async function promisesNextUpdate(tx: Tx, a: StatementApplying) {
  const row = a.locked.row!;
  const crisis = a.locked.crisis.row;
  if (!crisis || crisis.state !== "active" || !keepsCadence(row.stage, row.audience)) return;
  await stepSubjectInTx(tx, crisisSubject, {
    id: crisis.id,
    event: { type: "PROMISE_UPDATE", minutes: crisis.updateEveryMinutes },
    // Vigil keeps the promise on the publisher's behalf: the comms lead does not command the crisis.
    actor: { kind: "system", name: "statements" },
    note: `${row.ref} published`,
    requestId: a.command.requestId,
    at: a.at,
  });
}
