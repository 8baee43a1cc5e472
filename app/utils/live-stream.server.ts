import type { Permission } from "~/utils/permissions";
import { can } from "~/utils/permissions";
import { getOptionalUser } from "./auth.server";

// A server-sent-event stream of what the live bus carries (the queue's, a crisis room's).
// A heartbeat comment keeps proxies from closing an idle stream and re-checks the session,
// so a signed-out or disabled user stops receiving changes within one beat. A client that
// falls too far behind is closed and reconnects (the stream's `retry`).

export const HEARTBEAT_MS = 15_000;
/** Chunks a slow client may fall behind by before the stream is closed. */
const MAX_BACKLOG = 256;

/** `listen` subscribes with the `send` it is given and returns how to unsubscribe. */
export function liveStream(request: Request, permission: Permission, listen: (send: (text: string) => void) => () => void): Response {
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
      const unsubscribe = listen(send);
      const heartbeat = setInterval(async () => {
        const user = await getOptionalUser(request).catch(() => undefined);
        if (user === null || (user && !can(user.roles, permission))) return close();
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
