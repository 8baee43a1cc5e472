import { describe, expect, it } from "vitest";
import { actors, AT, claimExpiry, ev, firstReport, nonWorkers } from "./triage.fixtures";
import type { TriageEvent, TriageSnapshot } from "./triage";
import { allowedTriageEvents, applyTriageEvent, initialTriageSnapshot, TRIAGE_MACHINE_VERSION } from "./triage";

const LATER = "2025-03-01T09:05:00.000Z";

/** Applies events in order from `from`, failing the test if any is refused. */
function play(from: TriageSnapshot, ...events: TriageEvent[]): TriageSnapshot {
  return events.reduce((snapshot, event) => {
    const step = applyTriageEvent(snapshot, event);
    expect(step.accepted, `${snapshot.value} refused ${event.type} from ${event.actor.id}`).toBe(true);
    return step.snapshot;
  }, from);
}

const fresh = () => initialTriageSnapshot(firstReport);
const claimedBy = (actor = actors.moderator) => play(fresh(), ev.claim(actor));
const banProposedBy = (actor = actors.moderator) => play(claimedBy(actor), ev.act(actor, "ban", "hate", "targeted slurs"));

describe("triage machine", () => {
  it("is version 1 and starts new, counting the first report", () => {
    const snapshot = fresh();
    expect(TRIAGE_MACHINE_VERSION).toBe(1);
    expect(snapshot.value).toBe("new");
    expect(snapshot.context).toMatchObject({ assigneeId: null, reportCount: 1, ruleCodes: ["spam"], maxSeverity: 1 });
  });

  describe("claims", () => {
    it("gives the case to the first moderator and schedules its expiry from the event's time", () => {
      const step = applyTriageEvent(fresh(), ev.claim(actors.moderator, AT));
      expect(step.snapshot.value).toBe("in_review");
      expect(step.snapshot.context).toMatchObject({ assigneeId: actors.moderator.id, claimedAt: AT });
      expect(step.effects).toEqual([claimExpiry(AT)]);
    });

    it("refuses a claim on a case another moderator holds, and keeps the holder", () => {
      const held = claimedBy(actors.moderator);
      for (const other of [actors.otherModerator, actors.senior]) {
        const step = applyTriageEvent(held, ev.claim(other));
        expect(step).toEqual({ accepted: false, snapshot: held, effects: [] });
      }
      expect(held.context.assigneeId).toBe(actors.moderator.id);
    });

    it("lets the holder renew the claim, which reschedules its expiry", () => {
      const step = applyTriageEvent(claimedBy(), ev.claim(actors.moderator, LATER));
      expect(step.snapshot.context.claimedAt).toBe(LATER);
      expect(step.effects).toEqual([claimExpiry(LATER)]);
    });

    it("returns an expired claim to the queue and clears the assignee", () => {
      const step = applyTriageEvent(claimedBy(), ev.claimExpired(AT));
      expect(step.snapshot.value).toBe("new");
      expect(step.snapshot.context).toMatchObject({ assigneeId: null, claimedAt: null });
      expect(step.effects).toEqual([]);
    });

    it("ignores an expiry from a stale timer or from anyone but the system", () => {
      const renewed = play(claimedBy(), ev.claim(actors.moderator, LATER));
      expect(applyTriageEvent(renewed, ev.claimExpired(AT)).accepted).toBe(false);
      expect(applyTriageEvent(renewed, ev.claimExpired(LATER, actors.moderator)).accepted).toBe(false);
      expect(applyTriageEvent(renewed, ev.claimExpired(LATER)).accepted).toBe(true);
    });

    it("lets only the holder release, which cancels the timer", () => {
      expect(applyTriageEvent(claimedBy(), ev.release(actors.otherModerator)).accepted).toBe(false);
      const step = applyTriageEvent(claimedBy(), ev.release(actors.moderator));
      expect(step.snapshot.value).toBe("new");
      expect(step.snapshot.context.assigneeId).toBeNull();
      expect(step.effects).toEqual([{ type: "timer.cancel", kind: "claim_expiry" }]);
    });
  });

  describe("assigning", () => {
    const escalated = () => play(claimedBy(actors.moderator), ev.escalate(actors.moderator, "possible threat"));

    it("hands a new case to another case worker with a claim whose expiry is scheduled, like a claim", () => {
      const step = applyTriageEvent(fresh(), ev.assign(actors.moderator, actors.otherModerator, LATER));
      expect(step.snapshot.value).toBe("in_review");
      expect(step.snapshot.context).toMatchObject({ assigneeId: actors.otherModerator.id, claimedAt: LATER });
      expect(step.effects).toEqual([claimExpiry(LATER)]);
      // The assignee now holds it: the person who assigned it does not.
      expect(allowedTriageEvents(step.snapshot, actors.otherModerator)).toContain("DISMISS");
      expect(allowedTriageEvents(step.snapshot, actors.moderator)).toEqual([]);
    });

    it("refuses to assign to someone who cannot work cases, and refuses assigners who cannot", () => {
      for (const nobody of [actors.admin, actors.leadership, actors.comms, actors.intake]) {
        expect(applyTriageEvent(fresh(), ev.assign(actors.lead, nobody)).accepted, nobody.id).toBe(false);
      }
      for (const assigner of [...nonWorkers, actors.intake, actors.scheduler]) {
        expect(applyTriageEvent(fresh(), ev.assign(assigner, actors.moderator)).accepted, assigner.id).toBe(false);
      }
    });

    it("keeps escalated cases with seniors: only a senior assigns them, only to a senior", () => {
      expect(applyTriageEvent(escalated(), ev.assign(actors.moderator, actors.senior)).accepted).toBe(false);
      expect(applyTriageEvent(escalated(), ev.assign(actors.senior, actors.otherModerator)).accepted).toBe(false);
      const step = applyTriageEvent(escalated(), ev.assign(actors.senior, actors.lead));
      expect(step.snapshot.value).toBe("in_review");
      expect(step.snapshot.context).toMatchObject({ assigneeId: actors.lead.id, escalation: { reason: "possible threat" } });
      // Released again, it goes back to the senior queue.
      expect(applyTriageEvent(step.snapshot, ev.release(actors.lead)).snapshot.value).toBe("escalated");
    });

    it("does not take a held or resolved case away from anyone", () => {
      expect(applyTriageEvent(claimedBy(actors.moderator), ev.assign(actors.lead, actors.otherModerator)).accepted).toBe(false);
      expect(applyTriageEvent(claimedBy(actors.moderator), ev.assign(actors.moderator, actors.otherModerator)).accepted).toBe(false);
      const dismissed = play(claimedBy(), ev.dismiss(actors.moderator));
      expect(applyTriageEvent(dismissed, ev.assign(actors.lead, actors.senior)).accepted).toBe(false);
    });

    it("is offered to case workers on new cases and to seniors on escalated ones", () => {
      expect(allowedTriageEvents(fresh(), actors.moderator)).toEqual(["CLAIM", "ASSIGN"]);
      expect(allowedTriageEvents(escalated(), actors.moderator)).toEqual([]);
      expect(allowedTriageEvents(escalated(), actors.lead)).toEqual(["CLAIM", "ASSIGN"]);
    });
  });

  describe("decisions need the claim", () => {
    it("refuses acting, dismissing, escalating and asking for info without the claim", () => {
      const held = claimedBy(actors.moderator);
      for (const event of [ev.act(actors.otherModerator, "warn"), ev.dismiss(actors.otherModerator), ev.escalate(actors.lead), ev.requestInfo(actors.senior)]) {
        expect(applyTriageEvent(held, event).accepted, event.type).toBe(false);
        expect(applyTriageEvent(fresh(), { ...event, actor: actors.moderator }).accepted, `${event.type} unclaimed`).toBe(false);
      }
    });

    it("refuses a holder whose case-work role has been taken away", () => {
      const held = claimedBy(actors.moderator);
      const demoted = { id: actors.moderator.id, roles: ["leadership"] };
      expect(applyTriageEvent(held, ev.act(demoted, "warn")).accepted).toBe(false);
      expect(allowedTriageEvents(held, demoted)).toEqual([]);
    });

    it("records the action, ends the claim and asks the server to record the enforcement", () => {
      const step = applyTriageEvent(claimedBy(), ev.act(actors.moderator, "mute", "harassment", "insults in replies"));
      expect(step.snapshot.value).toBe("actioned");
      expect(step.snapshot.context.assigneeId).toBeNull();
      expect(step.snapshot.context.outcome).toEqual({
        action: "mute",
        ruleCode: "harassment",
        reason: "insults in replies",
        by: actors.moderator.id,
        approvedBy: null,
        at: AT,
      });
      expect(step.effects).toEqual([
        { type: "timer.cancel", kind: "claim_expiry" },
        { type: "enforcement.record", action: "mute", ruleCode: "harassment", reason: "insults in replies", proposerId: actors.moderator.id, approvedBy: null },
        { type: "notify", kind: "resolved" },
      ]);
    });

    it("dismisses with a reason and records no enforcement", () => {
      const step = applyTriageEvent(claimedBy(), ev.dismiss(actors.moderator, "satire, no rule broken"));
      expect(step.snapshot.value).toBe("dismissed");
      expect(step.snapshot.context.outcome).toMatchObject({ action: "dismiss", ruleCode: null, reason: "satire, no rule broken" });
      expect(step.effects.map((e) => e.type)).toEqual(["timer.cancel", "notify"]);
    });
  });

  describe("a ban needs a second person", () => {
    it("waits for approval with the proposal kept and the proposer still holding the case", () => {
      const step = applyTriageEvent(claimedBy(), ev.act(actors.moderator, "ban", "hate", "targeted slurs"));
      expect(step.snapshot.value).toBe("awaiting_approval");
      expect(step.snapshot.context.pendingBan).toEqual({ proposerId: actors.moderator.id, ruleCode: "hate", reason: "targeted slurs", proposedAt: AT });
      expect(step.snapshot.context.assigneeId).toBe(actors.moderator.id);
      expect(step.effects).toEqual([{ type: "timer.cancel", kind: "claim_expiry" }, { type: "notify", kind: "approval_requested" }]);
    });

    it("refuses approval from the proposer, even a senior one, and from a moderator", () => {
      const bySenior = banProposedBy(actors.senior);
      expect(applyTriageEvent(bySenior, ev.approve(actors.senior)).accepted).toBe(false);
      expect(applyTriageEvent(bySenior, ev.reject(actors.senior)).accepted).toBe(false);
      expect(applyTriageEvent(banProposedBy(), ev.approve(actors.otherModerator)).accepted).toBe(false);
      expect(applyTriageEvent(bySenior, ev.approve(actors.lead)).accepted).toBe(true);
    });

    it("applies the ban when a senior approves, naming both people", () => {
      const step = applyTriageEvent(banProposedBy(actors.moderator), ev.approve(actors.senior, LATER));
      expect(step.snapshot.value).toBe("actioned");
      expect(step.snapshot.context.pendingBan).toBeNull();
      expect(step.snapshot.context.outcome).toEqual({
        action: "ban",
        ruleCode: "hate",
        reason: "targeted slurs",
        by: actors.moderator.id,
        approvedBy: actors.senior.id,
        at: LATER,
      });
      expect(step.effects).toEqual([
        { type: "enforcement.record", action: "ban", ruleCode: "hate", reason: "targeted slurs", proposerId: actors.moderator.id, approvedBy: actors.senior.id },
        { type: "notify", kind: "resolved" },
      ]);
    });

    it("returns a rejected ban to the proposer's review with the reason and a fresh claim", () => {
      const step = applyTriageEvent(banProposedBy(actors.moderator), ev.reject(actors.lead, "a suspension is enough", LATER));
      expect(step.snapshot.value).toBe("in_review");
      expect(step.snapshot.context).toMatchObject({ assigneeId: actors.moderator.id, claimedAt: LATER, pendingBan: null, outcome: null });
      expect(step.snapshot.context.lastReason).toEqual({ event: "REJECT", by: actors.lead.id, reason: "a suspension is enough", at: LATER });
      expect(step.effects).toEqual([claimExpiry(LATER), { type: "notify", kind: "ban_rejected" }]);
    });
  });

  describe("escalation", () => {
    const escalated = () => play(claimedBy(actors.moderator), ev.escalate(actors.moderator, "possible threat"));

    it("puts the case in the senior queue with the reason", () => {
      const snapshot = escalated();
      expect(snapshot.value).toBe("escalated");
      expect(snapshot.context).toMatchObject({ assigneeId: null, escalation: { by: actors.moderator.id, reason: "possible threat", at: AT } });
    });

    it("clears the claim and stops its timer; the escalation announces itself to its tier", () => {
      const step = applyTriageEvent(claimedBy(actors.moderator), ev.escalate(actors.moderator, "possible threat"));
      expect(step.effects).toEqual([{ type: "timer.cancel", kind: "claim_expiry" }]);
    });

    it("lets seniors claim it but not moderators", () => {
      expect(applyTriageEvent(escalated(), ev.claim(actors.otherModerator)).accepted).toBe(false);
      expect(applyTriageEvent(escalated(), ev.claim(actors.lead)).snapshot.value).toBe("in_review");
    });

    it("goes back to the senior queue, not the general one, when released or expired", () => {
      const held = play(escalated(), ev.claim(actors.senior));
      expect(applyTriageEvent(held, ev.release(actors.senior)).snapshot.value).toBe("escalated");
      expect(applyTriageEvent(held, ev.claimExpired(AT)).snapshot.value).toBe("escalated");
    });
  });

  describe("waiting for information", () => {
    const waiting = () => play(claimedBy(actors.moderator), ev.requestInfo(actors.moderator, "which post?"));

    it("keeps the holder and stops the claim timer; the holder writes to the reporter", () => {
      const step = applyTriageEvent(claimedBy(actors.moderator), ev.requestInfo(actors.moderator, "which post?"));
      expect(step.snapshot.value).toBe("waiting_for_info");
      expect(step.snapshot.context.assigneeId).toBe(actors.moderator.id);
      expect(step.effects).toEqual([{ type: "timer.cancel", kind: "claim_expiry" }]);
    });

    it("resumes review with a fresh claim when the answer arrives", () => {
      const step = applyTriageEvent(waiting(), ev.infoReceived(actors.intake, LATER));
      expect(step.snapshot.value).toBe("in_review");
      expect(step.snapshot.context).toMatchObject({ assigneeId: actors.moderator.id, claimedAt: LATER });
      expect(step.effects).toEqual([claimExpiry(LATER)]);
    });

    it("accepts the answer from intake or the holder, not from another moderator", () => {
      expect(applyTriageEvent(waiting(), ev.infoReceived(actors.moderator)).accepted).toBe(true);
      expect(applyTriageEvent(waiting(), ev.infoReceived(actors.otherModerator)).accepted).toBe(false);
    });
  });

  describe("resolved cases", () => {
    const closed = () => play(claimedBy(), ev.act(actors.moderator, "warn"), ev.close(actors.moderator));

    it("stay actioned or dismissed until closed by a case worker or the system", () => {
      const actioned = play(claimedBy(), ev.act(actors.moderator, "warn"));
      expect(actioned.hasTag("resolved")).toBe(true);
      expect(applyTriageEvent(actioned, ev.close(actors.admin)).accepted).toBe(false);
      expect(applyTriageEvent(actioned, ev.close(actors.scheduler)).snapshot.value).toBe("closed");
      const dismissed = play(claimedBy(), ev.dismiss(actors.moderator));
      expect(applyTriageEvent(dismissed, ev.close(actors.otherModerator)).snapshot.value).toBe("closed");
    });

    it("only count a report that names a rule already seen at no higher severity", () => {
      const step = applyTriageEvent(closed(), ev.report("spam", 1));
      expect(step.accepted).toBe(true);
      expect(step.snapshot.value).toBe("closed");
      expect(step.snapshot.context.reportCount).toBe(2);
      expect(step.effects).toEqual([]);
    });

    it("reopen on a report under another rule", () => {
      const step = applyTriageEvent(closed(), ev.report("threats", 5));
      expect(step.snapshot.value).toBe("new");
      expect(step.snapshot.context).toMatchObject({ reportCount: 2, ruleCodes: ["spam", "threats"], maxSeverity: 5, outcome: null });
      expect(step.effects).toEqual([{ type: "notify", kind: "reopened" }]);
    });

    it("reopen on a report of higher severity under the same rule", () => {
      const step = applyTriageEvent(closed(), ev.report("spam", 2));
      expect(step.snapshot.value).toBe("new");
      expect(step.snapshot.context.maxSeverity).toBe(2);
    });

    it("reopen by hand only for seniors, with the reason kept", () => {
      const dismissed = play(claimedBy(), ev.dismiss(actors.moderator));
      expect(applyTriageEvent(dismissed, ev.reopen(actors.moderator)).accepted).toBe(false);
      const step = applyTriageEvent(dismissed, ev.reopen(actors.senior, "appeal upheld", LATER));
      expect(step.snapshot.value).toBe("new");
      expect(step.snapshot.context.lastReason).toEqual({ event: "REOPEN", by: actors.senior.id, reason: "appeal upheld", at: LATER });
    });
  });

  describe("who may act", () => {
    it("refuses every case action from admin, leadership, crisis and comms roles", () => {
      const states = [fresh(), claimedBy(), banProposedBy(), play(claimedBy(), ev.dismiss(actors.moderator))];
      for (const snapshot of states) for (const actor of nonWorkers) expect(allowedTriageEvents(snapshot, actor), `${snapshot.value} ${actor.id}`).toEqual([]);
      expect(applyTriageEvent(fresh(), ev.claim(actors.admin)).accepted).toBe(false);
    });

    it("accepts reports only from intake", () => {
      expect(applyTriageEvent(fresh(), { ...ev.report("spam", 1), actor: actors.moderator }).accepted).toBe(false);
      expect(applyTriageEvent(fresh(), ev.report("spam", 1)).snapshot.context.reportCount).toBe(2);
    });

    it("treats roles as a union, as the server does: an admin who is also a moderator may claim", () => {
      const both = { id: "user:admin-moderator", roles: ["admin", "moderator"] };
      expect(applyTriageEvent(fresh(), ev.claim(both)).accepted).toBe(true);
    });

    it("lists what the holder may do now", () => {
      expect(allowedTriageEvents(claimedBy(), actors.moderator)).toEqual(["CLAIM", "RELEASE", "REQUEST_INFO", "ACT", "DISMISS", "ESCALATE"]);
      expect(allowedTriageEvents(claimedBy(), actors.otherModerator)).toEqual([]);
      expect(allowedTriageEvents(banProposedBy(), actors.lead)).toEqual(["APPROVE", "REJECT"]);
    });
  });
});
