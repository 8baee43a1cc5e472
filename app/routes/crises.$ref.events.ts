import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseCrisisRef } from "~/models/cases/refs";
import { requirePermission } from "~/utils/auth.server";
import { subscribeLive } from "~/utils/live-bus.server";
import { liveStream } from "~/utils/live-stream.server";

// Server-sent events for one crisis room: each change of the crisis, from this instance or
// (through the PostgreSQL relay) another, as `event: crisis` with its reference, version,
// state and who made it. The room reloads what it shows when one arrives.

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:crisis");
  const ref = parseCrisisRef(params.ref ?? "");
  if (!ref) throw Response.json({ message: "There is no such crisis." }, { status: 404 });
  return liveStream(request, "read:crisis", (send) =>
    subscribeLive({
      onChange: (change) => {
        if (change.subject.type !== "crisis" || change.subject.ref !== ref) return;
        send(`event: crisis\ndata: ${JSON.stringify({ ref, version: change.version, state: change.state, action: change.action, by: change.by, at: change.at })}\n\n`);
      },
    }),
  );
}
