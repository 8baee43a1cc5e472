import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseChangeOf } from "~/models/cases/case-live";
import { requirePermission } from "~/utils/auth.server";
import { subscribeLive } from "~/utils/live-bus.server";
import { liveStream } from "~/utils/live-stream.server";

// Server-sent events for the queue: every case change and presence change in this
// process (and, through the PostgreSQL relay, other instances), as `event: case` /
// `event: presence` with JSON data.

export { HEARTBEAT_MS } from "~/utils/live-stream.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:case");
  return liveStream(request, "read:case", (send) =>
    subscribeLive({
      onChange: (change) => {
        const caseChange = caseChangeOf(change);
        if (caseChange) send(`event: case\ndata: ${JSON.stringify(caseChange)}\n\n`);
      },
      onPresence: (change) => send(`event: presence\ndata: ${JSON.stringify(change)}\n\n`),
    }),
  );
}
