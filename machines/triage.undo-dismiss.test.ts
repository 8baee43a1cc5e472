import { describe, expect, it } from "vitest";
import { actors, AT, claimExpiry, ev, firstReport, nonWorkers } from "./triage.fixtures";
import type { TriageEvent, TriageSnapshot } from "./triage";
import { allowedTriageEvents, applyTriageEvent, DISMISS_UNDO_MINUTES, dismissalUndoableUntil, initialTriageSnapshot } from "./triage";

// Undoing a dismissal: for a short while after it, whoever may work the case can take it
// back. The machine has no clock: the event's time is compared with the dismissal's.

const minutesAfter = (minutes: number, from = AT) => new Date(Date.parse(from) + minutes * 60_000).toISOString();
const END = minutesAfter(DISMISS_UNDO_MINUTES);

function play(from: TriageSnapshot, ...events: TriageEvent[]): TriageSnapshot {
  return events.reduce((snapshot, event) => {
    const step = applyTriageEvent(snapshot, event);
    expect(step.accepted, `${snapshot.value} refused ${event.type} from ${event.actor.id}`).toBe(true);
    return step.snapshot;
  }, from);
}

const dismissedBy = (actor = actors.moderator) => play(initialTriageSnapshot(firstReport), ev.claim(actor), ev.dismiss(actor, "spam link", AT));
const escalatedThenDismissed = () =>
  play(initialTriageSnapshot(firstReport), ev.claim(actors.moderator), ev.escalate(actors.moderator), ev.claim(actors.senior), ev.dismiss(actors.senior));

describe("undoing a dismissal", () => {
  it("lasts ten minutes from the dismissal", () => {
    expect(DISMISS_UNDO_MINUTES).toBe(10);
    expect(dismissalUndoableUntil(dismissedBy().context.outcome)).toBe(END);
  });

  it("returns the case to review, held by whoever undid it, with a fresh claim and no outcome", () => {
    const at = minutesAfter(3);
    const step = applyTriageEvent(dismissedBy(), ev.undoDismiss(actors.moderator, at));
    expect(step.accepted).toBe(true);
    expect(step.snapshot.value).toBe("in_review");
    expect(step.snapshot.hasTag("open")).toBe(true);
    expect(step.snapshot.context).toMatchObject({ assigneeId: actors.moderator.id, claimedAt: at, outcome: null, reportCount: 1, ruleCodes: ["spam"] });
    expect(step.effects).toEqual([claimExpiry(at)]);
    // Back where it was: the holder can decide again.
    expect(allowedTriageEvents(step.snapshot, actors.moderator, at)).toEqual(["CLAIM", "RELEASE", "REQUEST_INFO", "ACT", "DISMISS", "ESCALATE"]);
  });

  it("is accepted up to the end of the window and refused after it", () => {
    expect(applyTriageEvent(dismissedBy(), ev.undoDismiss(actors.moderator, END)).accepted).toBe(true);
    const late = applyTriageEvent(dismissedBy(), ev.undoDismiss(actors.moderator, minutesAfter(DISMISS_UNDO_MINUTES + 0.001)));
    expect(late.accepted).toBe(false);
    expect(late.snapshot.value).toBe("dismissed");
    expect(applyTriageEvent(dismissedBy(), ev.undoDismiss(actors.moderator, "not a time")).accepted).toBe(false);
  });

  it("is offered while the window is open, and only with a time to measure it by", () => {
    expect(allowedTriageEvents(dismissedBy(), actors.moderator, minutesAfter(9))).toEqual(["UNDO_DISMISS", "CLOSE"]);
    expect(allowedTriageEvents(dismissedBy(), actors.moderator, minutesAfter(11))).toEqual(["CLOSE"]);
    expect(allowedTriageEvents(dismissedBy(), actors.moderator)).toEqual(["CLOSE"]);
  });

  it("is open to whoever may work the case, and to nobody else", () => {
    expect(applyTriageEvent(dismissedBy(actors.moderator), ev.undoDismiss(actors.otherModerator, minutesAfter(1))).snapshot.context.assigneeId).toBe(actors.otherModerator.id);
    for (const actor of [...nonWorkers, actors.intake, actors.scheduler]) {
      expect(applyTriageEvent(dismissedBy(), ev.undoDismiss(actor, minutesAfter(1))).accepted, actor.id).toBe(false);
    }
  });

  it("keeps an escalated case with seniors, and releasing it returns it to the senior queue", () => {
    expect(applyTriageEvent(escalatedThenDismissed(), ev.undoDismiss(actors.moderator, minutesAfter(1))).accepted).toBe(false);
    const undone = play(escalatedThenDismissed(), ev.undoDismiss(actors.lead, minutesAfter(1)));
    expect(undone.context.escalation).toMatchObject({ reason: "possible threat" });
    expect(applyTriageEvent(undone, ev.release(actors.lead, minutesAfter(2))).snapshot.value).toBe("escalated");
  });

  it("applies only to a dismissal: not to an action, a closed case or a case already undone", () => {
    const actioned = play(initialTriageSnapshot(firstReport), ev.claim(actors.moderator), ev.act(actors.moderator, "warn"));
    expect(applyTriageEvent(actioned, ev.undoDismiss(actors.moderator, minutesAfter(1))).accepted).toBe(false);
    const closed = play(dismissedBy(), ev.close(actors.moderator, minutesAfter(1)));
    expect(applyTriageEvent(closed, ev.undoDismiss(actors.moderator, minutesAfter(2))).accepted).toBe(false);
    const undone = play(dismissedBy(), ev.undoDismiss(actors.moderator, minutesAfter(1)));
    expect(applyTriageEvent(undone, ev.undoDismiss(actors.moderator, minutesAfter(2))).accepted).toBe(false);
    expect(dismissalUndoableUntil(undone.context.outcome)).toBeNull();
  });

  it("starts a new window when the case is dismissed again", () => {
    const again = play(dismissedBy(), ev.undoDismiss(actors.moderator, minutesAfter(5)), ev.dismiss(actors.moderator, "spam after all", minutesAfter(6)));
    expect(dismissalUndoableUntil(again.context.outcome)).toBe(minutesAfter(6 + DISMISS_UNDO_MINUTES));
    expect(applyTriageEvent(again, ev.undoDismiss(actors.moderator, minutesAfter(14))).accepted).toBe(true);
  });
});
