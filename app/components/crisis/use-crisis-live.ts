import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { actorWords } from "~/models/accounts/actor";
import { parseJsonAs } from "~/utils/json";

// A crisis's pages stay live: a change of the crisis or of its statements from anyone, on
// any instance, reloads what the page shows (its loader is the one source of what it
// reads). One stream per crisis (/crises/:ref/events) serves the room and the statements
// panel. Without JavaScript a page is read as it was when loaded.

const Change = z.object({ ref: z.string(), version: z.number(), action: z.string(), by: z.string() });
export type CrisisChange = z.infer<typeof Change> & { kind: "crisis" | "statement" };

/** Reloads the page's data for each change `accept` takes; returns the last one taken. */
function useCrisisStream(crisisRef: string, accept: (change: CrisisChange) => boolean): CrisisChange | null {
  const revalidator = useRevalidator();
  const [last, setLast] = useState<CrisisChange | null>(null);
  // The stream belongs to the crisis; what it accepts and the revalidator change with each render.
  const current = useRef({ accept, revalidator });
  current.current = { accept, revalidator };
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/crises/${crisisRef}/events`);
    const listen = (kind: CrisisChange["kind"]) => (event: Event) => {
      const data = parseJsonAs(Change, (event as MessageEvent<string>).data);
      if (!data || !current.current.accept({ ...data, kind })) return;
      setLast({ ...data, kind });
      current.current.revalidator.revalidate();
    };
    source.addEventListener("crisis", listen("crisis"));
    source.addEventListener("statement", listen("statement"));
    // A change made after the page's data was read and before the stream opened (or while it
    // was reconnecting) has no event here: read the page again once the stream is open.
    source.addEventListener("open", () => current.current.revalidator.revalidate());
    return () => source.close();
  }, [crisisRef]);
  return last;
}

/** Statement moves after which the playbook may have moved on (docs/decisions/0024). */
const MOVES_PLAYBOOK = new Set(["statement.submit", "statement.approve", "statement.reject", "statement.publish"]);

/** The crisis room: the crisis's own changes newer than the one shown, and statements that may move its playbook. */
export function useCrisisLive(ref: string, version: number): { lastBy: string | null } {
  const last = useCrisisStream(ref, (c) => (c.kind === "crisis" ? c.version > version : MOVES_PLAYBOOK.has(c.action)));
  return { lastBy: last ? actorWords(last.by) : null };
}

const DONE: Record<string, string> = {
  "statement.draft": "drafted",
  "statement.edit": "edited",
  "statement.submit": "put up for approval",
  "statement.approve": "approved",
  "statement.reject": "sent back",
  "statement.publish": "published",
};

/** The statements panel: every change someone else makes, said in a sentence for the polite live region. */
export function useStatementsLive(ref: string, viewer: string): { said: string | null } {
  const last = useCrisisStream(ref, (c) => c.by !== viewer && c.action !== "statement.supersede");
  if (!last) return { said: null };
  const who = actorWords(last.by);
  return { said: last.kind === "statement" && DONE[last.action] ? `${who} ${DONE[last.action]} ${last.ref}.` : `Updated just now by ${who}.` };
}
