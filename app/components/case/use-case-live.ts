import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { Viewer } from "~/models/cases/presence.server";
import type { RootData } from "~/root";
import type { CaseChange } from "~/models/cases/case-live";
import { CaseChangeShape, PresenceShape } from "~/models/cases/case-live";
import { parseJsonAs } from "~/utils/json";

// Keeps the case page current without reloading it under the moderator's hands:
// - a heartbeat (POST /cases/:ref/presence every 20 s, and as the live stream opens) renews
//   "viewing now" and answers who else is here and the case's newest change; leaving the
//   page says so at once;
// - the live stream (/queue/events) tells of other viewers arriving and of changes made
//   by someone else, which the page announces and offers to show. It never swaps the
//   data silently: the forms keep the version the moderator saw, so the server can tell.

export const HEARTBEAT_MS = 20_000;

type Options = {
  caseRef: string;
  version: number;
  /** The escalation's version the page shows (0 when it shows none). */
  escalationVersion: number;
  viewerId: string;
  viewerLabel: string;
  initialViewers: Viewer[];
};

/** Whether `a` is a later state of the case than `b` (its triage or its escalation moved on). */
function isNewer(a: CaseChange, b: CaseChange): boolean {
  return a.version > b.version || (a.escalation?.version ?? 0) > (b.escalation?.version ?? 0);
}

export function useCaseLive({ caseRef, version, escalationVersion, viewerId, viewerLabel, initialViewers }: Options) {
  const csrf = useRouteLoaderData<RootData>("root")?.csrf ?? "";
  const [viewers, setViewers] = useState(initialViewers);
  const [change, setChange] = useState<CaseChange | null>(null);
  const beatNow = useRef<() => Promise<void>>(async () => {});
  const others = (list: Viewer[]) => list.filter((v) => v.id !== viewerId);

  // Fresh loader data (after an action or a reload) is the newest word on viewers.
  useEffect(() => setViewers(initialViewers), [initialViewers]);

  useEffect(() => {
    const url = `/cases/${encodeURIComponent(caseRef)}/presence`;
    const beat = async () => {
      try {
        const res = await fetch(url, { method: "POST", body: new URLSearchParams({ csrf }), credentials: "same-origin" });
        if (!res.ok) return;
        const answer = (await res.json()) as { viewers: Viewer[]; latest?: unknown };
        setViewers(others(answer.viewers));
        // A change the live stream did not tell of (made before it opened, or while it was away).
        const latest = CaseChangeShape.safeParse(answer.latest);
        if (latest.success && latest.data.by !== viewerLabel) setChange((shown) => (shown && !isNewer(latest.data, shown) ? shown : latest.data));
      } catch {
        // Offline for a moment: the next beat tries again.
      }
    };
    beatNow.current = beat;
    const timer = setInterval(beat, HEARTBEAT_MS);
    const leave = () => navigator.sendBeacon?.(url, new URLSearchParams({ csrf, intent: "leave" }));
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      leave();
    };
    // `others` only closes over viewerId, which is part of the page's identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseRef, csrf, viewerLabel]);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/queue/events");
    source.addEventListener("presence", (event) => {
      const data = parseJsonAs(PresenceShape, (event as MessageEvent<string>).data);
      if (data?.caseRef === caseRef) setViewers(others(data.viewers));
    });
    source.addEventListener("case", (event) => {
      const data = parseJsonAs(CaseChangeShape, (event as MessageEvent<string>).data);
      if (data && data.ref === caseRef && data.by !== viewerLabel) setChange(data);
    });
    // A change made after the page was read and before the stream opened (or while it was
    // reconnecting) has no event here: the heartbeat answers the case's newest change.
    source.addEventListener("open", () => void beatNow.current());
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseRef, viewerLabel]);

  // A change the page already shows (its version is at least as new) is no news. An
  // escalation move leaves the case's version alone and carries the escalation's own.
  const news = change && (change.version > version || (change.escalation?.version ?? 0) > escalationVersion);
  return { viewers, change: news ? change : null };
}
