import type { StatementEffect } from "@machines/statement";
import type { EffectHandlers } from "../workflow/subject-kind";
import { holdersOf, noticeTo } from "../crises/crisis-pages.server";
import { chainOf } from "./statement-rows.server";
import { sendPublished } from "./statement-publishing.server";
import type { StatementApplying } from "./statement-subject.server";
import { STAGES, audienceLabel, isStage } from "./statement-words";

// One handler per effect the statement machine asks for, in the transaction of its event.

const nothing = async () => {};

function describe(a: StatementApplying) {
  const row = a.locked.row!;
  const stage = isStage(row.stage) ? STAGES[row.stage].label : row.stage;
  return `${stage} for ${audienceLabel(row.audience).toLowerCase()}, ${row.channel.replace("_", " ")}, ${row.language}`;
}

export const STATEMENT_EFFECTS: EffectHandlers<StatementEffect, StatementApplying> = {
  "statement.edited": nothing,
  async "statement.submitted"(tx, _effect, a) {
    // Everyone who may be the next link hears of it, in the crisis or by their account role.
    const people: string[] = [];
    for (const role of chainOf(a.locked.row!).roles) people.push(...(await holdersOf(tx, a.locked.crisis.id, role)));
    const userId = a.command.actor.kind === "user" ? a.command.actor.id : null;
    const title = `${a.locked.crisis.ref}: ${a.locked.row!.ref} awaits your approval`;
    await noticeTo(tx, people.filter((p) => p !== userId), { crisisRef: a.locked.crisis.ref, kind: "statement_approval", title, body: describe(a), at: a.at });
  },
  "statement.approval_given": nothing,
  "statement.approved": nothing,
  async "statement.rejected"(tx, effect, a) {
    await noticeTo(tx, [a.locked.row!.authorId], { crisisRef: a.locked.crisis.ref, kind: "statement_approval", title: `${a.locked.crisis.ref}: ${a.locked.row!.ref} was sent back`, body: effect.note, at: a.at });
  },
  "statement.publish": (tx, effect, a) => sendPublished(tx, a, effect.approvers),
  "statement.superseded": nothing,
};
