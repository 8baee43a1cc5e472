import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseCrisisRef } from "~/models/cases/refs";
import { getOptionalUser, requirePermission } from "~/utils/auth.server";
import { subscribeLive } from "~/utils/live-bus.server";
import { can } from "~/utils/permissions";

// Server-sent events for one crisis room: each change of the crisis, from this instance or
// (through the PostgreSQL relay) another, as `event: crisis` with its reference, version,
// state, live steps and who made it. The room reloads what it shows when one arrives. A
// heartbeat re-checks the session, as the queue's stream does.

const HEARTBEAT_MS = 15_000;
const MAX_BACKLOG = 256;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:crisis");
  const ref = parseCrisisRef(params.ref ?? "");
  if (!ref) throw Response.json({ message: "There is no such crisis." }, { status: 404 });
  const encoder = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const close = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        request.signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // Already closed by the reader.
        }
      };
      const send = (text: string) => {
        if (!open) return;
        if ((controller.desiredSize ?? 0) < -MAX_BACKLOG) return close();
        controller.enqueue(encoder.encode(text));
      };
      const unsubscribe = subscribeLive({
        onChange: (change) => {
          if (change.subject.type !== "crisis" || change.subject.ref !== ref) return;
          send(`event: crisis\ndata: ${JSON.stringify({ ref, version: change.version, state: change.state, action: change.action, by: change.by, at: change.at })}\n\n`);
        },
      });
      const heartbeat = setInterval(async () => {
        const user = await getOptionalUser(request).catch(() => undefined);
        if (user === null || (user && !can(user.roles, "read:crisis"))) return close();
        send(": heartbeat\n\n");
      }, HEARTBEAT_MS);
      stop = close;
      request.signal.addEventListener("abort", close, { once: true });
      if (request.signal.aborted) return close();
      send("retry: 5000\n: connected\n\n");
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
}
