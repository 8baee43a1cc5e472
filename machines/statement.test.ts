import { describe, expect, it } from "vitest";
import type { StatementActor, StatementEvent, StatementSnapshot } from "./statement";
import { allowedStatementEvents, applyStatementEvent, draftStatement, restoreStatementSnapshot, serializeStatementSnapshot, statementState } from "./statement";

// The statement machine: drafted → submitted → approved by each link of its chain →
// published → superseded. Approvers are distinct people, never an author; an edit after
// any approval sends the text back; nothing is published that every link did not approve.

const AT = "2026-11-22T12:00:00.000Z";
const comms: StatementActor = { id: "u-comms", roles: ["comms_lead"] };
const comms2: StatementActor = { id: "u-comms-2", roles: ["comms_lead"] };
const commander: StatementActor = { id: "u-commander", roles: ["crisis_commander"] };
const lead: StatementActor = { id: "u-lead", roles: ["trust_safety_lead"] };
const moderator: StatementActor = { id: "u-mod", roles: ["moderator"] };
// A commander who also wrote part of the text.
const commanderAuthor: StatementActor = { id: "u-comms", roles: ["comms_lead", "crisis_commander"] };

const twoLinks = { roles: ["crisis_commander", "trust_safety_lead"], count: 2 };
const oneLink = { roles: ["crisis_commander"], count: 1 };

function run(snapshot: StatementSnapshot, ...events: StatementEvent[]) {
  const effects: string[] = [];
  for (const event of events) {
    const step = applyStatementEvent(snapshot, event);
    if (!step.accepted) throw new Error(`${event.type} by ${event.actor.id} refused in ${statementState(snapshot)}`);
    snapshot = step.snapshot;
    effects.push(...step.effects.map((e) => e.type));
  }
  return { snapshot, effects };
}

const edit = (actor: StatementActor, hash: string): StatementEvent => ({ type: "EDIT", hash, actor, at: AT });
const submit = (actor: StatementActor, lintErrors = 0): StatementEvent => ({ type: "SUBMIT", lintErrors, actor, at: AT });
const approve = (actor: StatementActor, hash = "h1"): StatementEvent => ({ type: "APPROVE", hash, actor, at: AT });
const reject = (actor: StatementActor, note = "Say less about the cause."): StatementEvent => ({ type: "REJECT", note, actor, at: AT });
const publish = (actor: StatementActor): StatementEvent => ({ type: "PUBLISH", actor, at: AT });

describe("the statement machine", () => {
  it("goes from drafted to published through every link of a two-person chain, then is superseded", () => {
    const start = draftStatement({ chain: twoLinks, author: comms.id, textHash: "h1" });
    expect(statementState(start)).toBe("drafted");
    const { snapshot, effects } = run(start, submit(comms), approve(commander), approve(lead), publish(comms), { type: "SUPERSEDE", actor: comms, at: AT });
    expect(statementState(snapshot)).toBe("superseded");
    expect(effects).toEqual(["statement.submitted", "statement.approval_given", "statement.approval_given", "statement.approved", "statement.publish", "statement.superseded"]);
    expect(snapshot.context.approvals.map((a) => [a.by, a.role, a.hash])).toEqual([
      ["u-commander", "crisis_commander", "h1"],
      ["u-lead", "trust_safety_lead", "h1"],
    ]);
  });

  it("stays awaiting approval after the first of two links and refuses to publish", () => {
    const { snapshot } = run(draftStatement({ chain: twoLinks, author: comms.id, textHash: "h1" }), submit(comms), approve(commander));
    expect(statementState(snapshot)).toBe("submitted");
    expect(applyStatementEvent(snapshot, publish(comms)).accepted).toBe(false);
    // The same person cannot be two links.
    expect(applyStatementEvent(snapshot, approve(commander)).accepted).toBe(false);
  });

  it("never lets an author approve, nor a role outside the chain, nor an approval of another text", () => {
    const { snapshot } = run(draftStatement({ chain: oneLink, author: comms.id, textHash: "h1" }), submit(comms));
    expect(applyStatementEvent(snapshot, approve(commanderAuthor)).accepted).toBe(false);
    expect(applyStatementEvent(snapshot, approve(moderator)).accepted).toBe(false);
    expect(applyStatementEvent(snapshot, approve(lead)).accepted).toBe(false);
    expect(applyStatementEvent(snapshot, approve(commander, "h-other")).accepted).toBe(false);
    expect(allowedStatementEvents(snapshot, commanderAuthor, 0)).toEqual([]);
    expect(allowedStatementEvents(snapshot, commander, 0)).toEqual(["APPROVE", "REJECT"]);
  });

  it("makes everyone who edited an author", () => {
    const { snapshot } = run(draftStatement({ chain: oneLink, author: comms.id, textHash: "h1" }), edit(commander, "h2"), submit(comms));
    expect(snapshot.context.authors).toEqual(["u-comms", "u-commander"]);
    expect(applyStatementEvent(snapshot, approve(commander, "h2")).accepted).toBe(false);
  });

  it("sends an approved text back to drafted when it is edited, dropping its approvals", () => {
    const approved = run(draftStatement({ chain: oneLink, author: comms.id, textHash: "h1" }), submit(comms), approve(commander));
    expect(statementState(approved.snapshot)).toBe("approved");
    const edited = applyStatementEvent(approved.snapshot, edit(comms2, "h2"));
    expect(edited.accepted).toBe(true);
    expect(statementState(edited.snapshot)).toBe("drafted");
    expect(edited.snapshot.context.approvals).toEqual([]);
    expect(edited.effects).toEqual([{ type: "statement.edited", hash: "h2", by: "u-comms-2", approvalsDropped: 1 }]);
    expect(applyStatementEvent(edited.snapshot, publish(comms)).accepted).toBe(false);
  });

  it("sends a partly approved text back too, and refuses an edit that changes nothing", () => {
    const half = run(draftStatement({ chain: twoLinks, author: comms.id, textHash: "h1" }), submit(comms), approve(commander));
    expect(applyStatementEvent(half.snapshot, edit(comms, "h1")).accepted).toBe(false);
    const edited = run(half.snapshot, edit(comms, "h2"), submit(comms), approve(lead, "h2"));
    expect(statementState(edited.snapshot)).toBe("submitted");
    expect(edited.snapshot.context.approvals.map((a) => a.by)).toEqual(["u-lead"]);
  });

  it("refuses to submit a text the lint finds errors in", () => {
    const start = draftStatement({ chain: oneLink, author: comms.id, textHash: "h1" });
    expect(applyStatementEvent(start, submit(comms, 2)).accepted).toBe(false);
    expect(allowedStatementEvents(start, comms, 2)).toEqual([]);
    expect(allowedStatementEvents(start, comms, 0)).toEqual(["SUBMIT"]);
  });

  it("takes a rejection with a note from a link, back to drafted without approvals", () => {
    const half = run(draftStatement({ chain: twoLinks, author: comms.id, textHash: "h1" }), submit(comms), approve(commander));
    expect(applyStatementEvent(half.snapshot, reject(lead, " ")).accepted).toBe(false);
    expect(applyStatementEvent(half.snapshot, reject(comms)).accepted).toBe(false);
    const { snapshot, effects } = run(half.snapshot, reject(lead));
    expect(statementState(snapshot)).toBe("drafted");
    expect(snapshot.context.approvals).toEqual([]);
    expect(effects).toEqual(["statement.rejected"]);
  });

  it("publishes nothing from drafted or submitted, and nothing twice", () => {
    const start = draftStatement({ chain: oneLink, author: comms.id, textHash: "h1" });
    expect(applyStatementEvent(start, publish(commander)).accepted).toBe(false);
    const submitted = run(start, submit(comms)).snapshot;
    expect(applyStatementEvent(submitted, publish(commander)).accepted).toBe(false);
    const published = run(submitted, approve(commander), publish(comms)).snapshot;
    expect(applyStatementEvent(published, publish(comms)).accepted).toBe(false);
    expect(applyStatementEvent(published, edit(comms, "h9")).accepted).toBe(false);
  });

  it("restores what it stored, and refuses a snapshot of another machine version", () => {
    const { snapshot } = run(draftStatement({ chain: twoLinks, author: comms.id, textHash: "h1" }), submit(comms), approve(commander));
    const stored = serializeStatementSnapshot(snapshot);
    expect(stored.state).toBe("submitted");
    const restored = restoreStatementSnapshot(stored);
    expect(restored.context).toEqual(snapshot.context);
    expect(statementState(run(restored, approve(lead)).snapshot)).toBe("approved");
    expect(() => restoreStatementSnapshot({ ...stored, machineVersion: 99 })).toThrow(/machine version 99/);
  });
});
