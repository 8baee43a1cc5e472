import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import type { VigilContext } from "~/utils/context.server";
import { NonceContext } from "~/utils/nonce";

export { refuseWhileAuditLogNeedsAttention } from "~/services/audit-attention.server";
export { startBackgroundWork } from "~/services/background.server";
export { startLiveRelay } from "~/services/live-relay.server";
export { reportIntakeHandler } from "~/services/report-intake-http.server";
export { prepareToServe } from "~/services/startup.server";
export { takeWriteStats } from "~/utils/write-stats.server";

// How long loader data may keep streaming after the shell (single fetch); the render
// itself is given up a second later.
export const streamTimeout = 5_000;

// Security headers (CSP with this request's nonce, nosniff, frame and referrer policy)
// are set on every answer by the HTTP server: scripts/http-security.mjs.
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const nonce = (loadContext as Partial<VigilContext>).cspNonce;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}

/**
 * What Remix logs. A client's own mistake (an address with no page, a method a route
 * does not take) is answered 4xx and is not the server's trouble, and neither is a
 * request the client gave up on: only the rest is logged, once.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}
