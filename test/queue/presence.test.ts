import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PRESENCE_TTL_MS, leavePresence, resetPresence, sweepPresence, touchPresence, viewersOf } from "~/models/cases/presence.server";
import type { PresenceChange } from "~/utils/live-bus.server";
import { subscribeLive } from "~/utils/live-bus.server";

const T0 = new Date("2025-03-01T09:00:00.000Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const mo = { id: "u-mo", name: "Mo Moderator" };
const sen = { id: "u-sen", name: "Sen Senior" };

describe("presence", () => {
  let heard: PresenceChange[];
  let unsubscribe: () => void;
  beforeEach(() => {
    resetPresence();
    heard = [];
    unsubscribe = subscribeLive({ onPresence: (change) => heard.push(change) });
  });
  afterEach(() => {
    unsubscribe();
    resetPresence();
  });

  it("lists who views each case, and only the cases someone views", async () => {
    await touchPresence("C-A", sen, T0);
    await touchPresence("C-A", mo, T0);
    await touchPresence("C-B", mo, T0);
    expect(await viewersOf(["C-A", "C-B", "C-C"], T0)).toEqual({ "C-A": [mo, sen], "C-B": [mo] });
  });

  it("publishes arrivals and departures, not renewals", async () => {
    await touchPresence("C-A", mo, T0);
    await touchPresence("C-A", mo, later(10_000));
    await touchPresence("C-A", sen, later(20_000));
    await leavePresence("C-A", mo.id);
    await leavePresence("C-A", mo.id);
    expect(heard).toEqual([
      { caseRef: "C-A", viewers: [mo] },
      { caseRef: "C-A", viewers: [mo, sen] },
      { caseRef: "C-A", viewers: [sen] },
    ]);
  });

  it("forgets a viewer who stops renewing, and says so", async () => {
    await touchPresence("C-A", mo, T0);
    await touchPresence("C-A", sen, later(PRESENCE_TTL_MS / 2));
    expect(await viewersOf(["C-A"], later(PRESENCE_TTL_MS - 1))).toEqual({ "C-A": [mo, sen] });
    // Expired entries are hidden at once, even before a sweep removes them.
    expect(await viewersOf(["C-A"], later(PRESENCE_TTL_MS))).toEqual({ "C-A": [sen] });
    heard = [];
    await sweepPresence(later(PRESENCE_TTL_MS));
    expect(heard).toEqual([{ caseRef: "C-A", viewers: [sen] }]);
    await sweepPresence(later(PRESENCE_TTL_MS * 2));
    expect(heard.at(-1)).toEqual({ caseRef: "C-A", viewers: [] });
    expect(await viewersOf(["C-A"], later(PRESENCE_TTL_MS * 2))).toEqual({});
  });

  it("counts a viewer who comes back after expiring as arriving again", async () => {
    await touchPresence("C-A", mo, T0);
    await touchPresence("C-A", mo, later(PRESENCE_TTL_MS + 1));
    expect(heard).toHaveLength(2);
  });
});
