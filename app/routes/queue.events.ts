import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseChangeOf } from "~/models/cases/case-live";
import { subscribeLive } from "~/utils/live-bus.server";
import { getOptionalUser, requirePermission } from "~/utils/auth.server";
import { can } from "~/utils/permissions";

// Server-sent events for the queue: every case change and presence change in this
// process, as `event: case` / `event: presence` with JSON data. A heartbeat comment
// keeps proxies from closing an idle stream and re-checks the session, so a signed-out
// or disabled user stops receiving changes within one beat.

export const HEARTBEAT_MS = 15_000;
/** Chunks a slow client may fall behind by before the stream is closed (it reconnects). */
const MAX_BACKLOG = 256;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:case");
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
          const caseChange = caseChangeOf(change);
          if (caseChange) send(`event: case\ndata: ${JSON.stringify(caseChange)}\n\n`);
        },
        onPresence: (change) => send(`event: presence\ndata: ${JSON.stringify(change)}\n\n`),
      });
      const heartbeat = setInterval(async () => {
        const user = await getOptionalUser(request).catch(() => undefined);
        if (user === null || (user && !can(user.roles, "read:case"))) return close();
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
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
