import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PRESENCE_TTL_MS, receiveRemotePresence, resetPresence, touchPresence, viewersOf } from "~/models/cases/presence.server";
import type { PresenceChange } from "~/utils/live-bus.server";
import { setPresenceRelay, subscribeLive } from "~/utils/live-bus.server";

// Presence across instances: each instance relays its own viewers (never the merged
// list, which would echo), and keeps what other instances relayed for one TTL.
const now = () => new Date();
const mo = { id: "u-mo", name: "Mo Moderator" };
const sen = { id: "u-sen", name: "Sen Senior" };

describe("presence across instances", () => {
  let relayed: PresenceChange[];
  let heard: PresenceChange[];
  let unsubscribe: () => void;
  beforeEach(() => {
    resetPresence();
    relayed = [];
    heard = [];
    setPresenceRelay((change) => relayed.push(change));
    unsubscribe = subscribeLive({ onPresence: (change) => heard.push(change) });
  });
  afterEach(() => {
    setPresenceRelay(null);
    unsubscribe();
    resetPresence();
  });

  it("relays only this instance's viewers, on a new viewer and on every renewal", async () => {
    receiveRemotePresence("instance-b", { caseRef: "C-A", viewers: [sen] });
    await touchPresence("C-A", mo);
    await touchPresence("C-A", mo);
    expect(relayed).toEqual([
      { caseRef: "C-A", viewers: [mo] },
      { caseRef: "C-A", viewers: [mo] },
    ]);
    // What this instance's own streams hear is the merged list.
    expect(heard.at(-1)).toEqual({ caseRef: "C-A", viewers: [mo, sen] });
  });

  it("merges other instances' viewers into the queue's view until they expire or leave", async () => {
    const t = now();
    await touchPresence("C-A", mo, t);
    receiveRemotePresence("instance-b", { caseRef: "C-A", viewers: [sen] }, t);
    receiveRemotePresence("instance-c", { caseRef: "C-B", viewers: [sen] }, t);
    expect(await viewersOf(["C-A", "C-B"], t)).toEqual({ "C-A": [mo, sen], "C-B": [sen] });

    receiveRemotePresence("instance-c", { caseRef: "C-B", viewers: [] }, t);
    expect(heard.at(-1)).toEqual({ caseRef: "C-B", viewers: [] });
    // An instance that stops renewing (it died) drops out after one TTL.
    const after = new Date(t.getTime() + PRESENCE_TTL_MS + 1);
    expect(await viewersOf(["C-A", "C-B"], after)).toEqual({});
  });
});
