import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { describeChange } from "./format";
import { CaseChangeShape } from "~/models/cases/case-live";
import { parseJsonAs } from "~/utils/json";

// Keeps the queue current without a reload: listens to /queue/events, reloads the
// page's data at most every half second while changes arrive, and returns a sentence
// for the polite live region about changes made by others.

const BATCH_MS = 500;

export function useLiveQueue({ ownLabel }: { ownLabel: string }): string {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    const source = new EventSource("/queue/events");
    let timer: ReturnType<typeof setTimeout> | null = null;
    let heard: string[] = [];
    // The first change opens a batch; later ones join it, so a busy queue still refreshes.
    const batch = () => {
      timer ??= setTimeout(() => {
        timer = null;
        revalidate.current();
        if (heard.length === 1) setAnnouncement(heard[0]);
        if (heard.length > 1) setAnnouncement(`${heard.length} cases changed: ${heard.slice(-1)[0]}`);
        heard = [];
      }, BATCH_MS);
    };
    source.addEventListener("case", (event) => {
      // A malformed message still means something changed.
      const change = parseJsonAs(CaseChangeShape, (event as MessageEvent<string>).data);
      // Your own changes are answered where you made them.
      if (change && change.by !== ownLabel) heard.push(describeChange(change));
      batch();
    });
    source.addEventListener("presence", batch);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [ownLabel]);

  return announcement;
}
