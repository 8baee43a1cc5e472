import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseCrisisRef } from "~/models/cases/refs";
import { requirePermission } from "~/utils/auth.server";
import { subscribeLive } from "~/utils/live-bus.server";
import { liveStream } from "~/utils/live-stream.server";

// Server-sent events for one crisis: each change of the crisis (`event: crisis`) and of its
// statements (`event: statement`, with the statement's reference and the crisis's), from
// this instance or (through the PostgreSQL relay) another, with its version, state, what
// happened and who did it. The room and the statements panel reload what they show when one
// arrives; a statement may move the playbook, so the room listens to both.

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:crisis");
  const ref = parseCrisisRef(params.ref ?? "");
  if (!ref) throw Response.json({ message: "There is no such crisis." }, { status: 404 });
  return liveStream(request, "read:crisis", (send) =>
    subscribeLive({
      onChange: (change) => {
        const common = { version: change.version, state: change.state, action: change.action, by: change.by, at: change.at };
        if (change.subject.type === "crisis" && change.subject.ref === ref) send(`event: crisis\ndata: ${JSON.stringify({ ref, ...common })}\n\n`);
        else if (change.subject.type === "statement" && change.details?.crisisRef === ref) send(`event: statement\ndata: ${JSON.stringify({ ref: change.subject.ref, crisisRef: ref, ...common })}\n\n`);
      },
    }),
  );
}
