import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { Viewer } from "~/models/cases/presence.server";
import type { RootData } from "~/root";
import type { CaseChange } from "~/models/cases/case-live";
import { CaseChangeShape, PresenceShape } from "~/models/cases/case-live";
import { parseJsonAs } from "~/utils/json";

// Keeps the case page current without reloading it under the moderator's hands:
// - a heartbeat (POST /cases/:ref/presence every 20 s) renews "viewing now" and answers
//   who else is here; leaving the page says so at once;
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

export function useCaseLive({ caseRef, version, escalationVersion, viewerId, viewerLabel, initialViewers }: Options) {
  const csrf = useRouteLoaderData<RootData>("root")?.csrf ?? "";
  const [viewers, setViewers] = useState(initialViewers);
  const [change, setChange] = useState<CaseChange | null>(null);
  const others = (list: Viewer[]) => list.filter((v) => v.id !== viewerId);

  // Fresh loader data (after an action or a reload) is the newest word on viewers.
  useEffect(() => setViewers(initialViewers), [initialViewers]);

  useEffect(() => {
    const url = `/cases/${encodeURIComponent(caseRef)}/presence`;
    const beat = async () => {
      try {
        const res = await fetch(url, { method: "POST", body: new URLSearchParams({ csrf }), credentials: "same-origin" });
        if (res.ok) setViewers(others(((await res.json()) as { viewers: Viewer[] }).viewers));
      } catch {
        // Offline for a moment: the next beat tries again.
      }
    };
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
  }, [caseRef, csrf]);

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
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseRef, viewerLabel]);

  // A change the page already shows (its version is at least as new) is no news. An
  // escalation move leaves the case's version alone and carries the escalation's own.
  const news = change && (change.version > version || (change.escalation?.version ?? 0) > escalationVersion);
  return { viewers, change: news ? change : null };
}
