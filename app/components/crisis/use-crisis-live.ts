import { useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { parseJsonAs } from "~/utils/json";

// The crisis room stays live: a change of the crisis from anyone, on any instance, reloads
// what the room shows (the loader is the one source of what it reads). Without JavaScript the
// room is read as it was when loaded.

const CrisisChange = z.object({ ref: z.string(), version: z.number(), by: z.string() });

export function useCrisisLive(ref: string, version: number): { lastBy: string | null } {
  const revalidator = useRevalidator();
  const [lastBy, setLastBy] = useState<string | null>(null);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/crises/${ref}/events`);
    source.addEventListener("crisis", (event) => {
      const data = parseJsonAs(CrisisChange, (event as MessageEvent<string>).data);
      if (!data || data.ref !== ref || data.version <= version) return;
      setLastBy(data.by);
      revalidator.revalidate();
    });
    return () => source.close();
    // The revalidator changes identity on every render; the stream belongs to the crisis and the version shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ref, version]);
  return { lastBy };
}
