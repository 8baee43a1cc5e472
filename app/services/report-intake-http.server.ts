import type { IncomingMessage } from "node:http";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { ApiAnswer, ApiRequest } from "~/models/accounts/api-errors.server";
import { answerReportRequest } from "~/models/intake/report-api.server";
import type { VigilContext } from "~/utils/context.server";

// POST /api/v1/reports answered on Node's request and response, before Remix's router
// (scripts/server.mjs; docs/decisions/0026). In a raid this is most of what Vigil serves,
// and building a Fetch Request, matching every route and sending a Fetch Response cost
// more than a third of a report's CPU. The answer comes from the route's own function
// (answerReportRequest) and is sent as Remix's Express adapter sends a Response, so a
// platform cannot tell the two apart; anything this does not take goes on to Remix.

const REPORTS_PATH = "/api/v1/reports";

/** The URL Remix's Express adapter gives the request (createRemixRequest in @remix-run/express). */
function remixUrl(req: ExpressRequest): URL {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const fromForwarded = Number.parseInt(forwardedPort, 10);
  const fromHost = Number.parseInt(hostPort, 10);
  const port = Number.isSafeInteger(fromForwarded) ? fromForwarded : Number.isSafeInteger(fromHost) ? fromHost : "";
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
}

/** Whether Remix would route this request to the reports route's action. */
function isReportPost(req: ExpressRequest): boolean {
  if (req.method !== "POST") return false;
  try {
    return remixUrl(req).pathname === REPORTS_PATH;
  } catch {
    // Remix cannot read the address either; it answers that (scripts/http-security.mjs).
    return false;
  }
}

/** The request as the API reads it; header values are the ones Remix's Headers would hold. */
function nodeApiRequest(req: IncomingMessage): ApiRequest {
  return {
    method: req.method ?? "GET",
    header(name) {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    body: { [Symbol.asyncIterator]: () => bodyChunks(req) },
  };
}

/**
 * The body's chunks as they arrive, from the request's own events: what Node's stream
 * iterator gives, for a fraction of its cost per request (its promises and end-of-stream
 * watchers were about 2% of a report's CPU). A body cut off before its end is an error. When
 * the reader stops early (at the size limit) the request is paused, not destroyed, so the
 * 413 still reaches the client.
 */
function bodyChunks(req: IncomingMessage): AsyncIterator<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const woken = wake;
    wake = null;
    woken?.();
  };
  const onData = (chunk: Uint8Array) => {
    chunks.push(chunk);
    notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (error: Error) => {
    failure ??= error;
    notify();
  };
  const onClose = () => {
    if (!req.complete) failure ??= new Error("The request ended before its body did.");
    notify();
  };
  const stop = () => {
    req.off("data", onData);
    req.off("end", onEnd);
    req.off("error", onError);
    req.off("close", onClose);
  };
  req.on("data", onData);
  req.on("end", onEnd);
  req.on("error", onError);
  req.on("close", onClose);
  return {
    async next() {
      for (;;) {
        const chunk = chunks.shift();
        if (chunk) return { value: chunk, done: false };
        if (failure) {
          stop();
          throw failure;
        }
        if (ended) {
          stop();
          return { value: undefined, done: true };
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async return() {
      stop();
      req.pause();
      return { value: undefined, done: true };
    },
  };
}

/** Express's `res.set` adds a charset to a text or JSON Content-Type that names none (mime's `charsets.lookup`). */
function withExpressCharset(name: string, value: string): string {
  if (name !== "content-type" || /;\s*charset\s*=/.test(value) || !/^text\/|^application\/(javascript|json)/.test(value.split(";")[0])) return value;
  return `${value}; charset=utf-8`;
}

/** An answer's headers as sendRemixResponse hands them to Express: lower case, in Fetch's (sorted) order. */
function fetchOrder(answer: Pick<ApiAnswer, "headers">): [string, string][] {
  const headers = Object.entries(answer.headers).map(([name, value]): [string, string] => [name.toLowerCase(), value]);
  return headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** As sendRemixResponse sends a Response: headers in Fetch's order, appended through Express, body chunked. */
function send(res: ExpressResponse, answer: ApiAnswer) {
  res.status(answer.status);
  for (const [name, value] of fetchOrder(answer)) res.append(name, value);
  res.write(answer.body);
  res.end();
}

/** An answer with its headers as Express would send them, for a server that writes them itself. */
export type SentAnswer = { status: number; headers: [string, string][]; body: string };

export type ReportIntakeHandler = ((req: ExpressRequest, res: ExpressResponse, next: NextFunction) => void) & {
  /** Whether the handler answers this request (on Express's request prototype) rather than passing it on. */
  takes(req: ExpressRequest): boolean;
  /** The answer to a request it takes, with the headers `send` would give Express (scripts/http-security.mjs writes them). */
  answer(req: ExpressRequest, res: ExpressResponse): Promise<SentAnswer>;
};

/**
 * The Express handler for POST /api/v1/reports, with the load context the server gives
 * Remix (client address, request id). Passes on every request Remix would not route to
 * the reports action.
 */
export function reportIntakeHandler(loadContext: (req: ExpressRequest, res: ExpressResponse) => VigilContext): ReportIntakeHandler {
  const answered = (req: ExpressRequest, res: ExpressResponse) => answerReportRequest(nodeApiRequest(req), loadContext(req, res));
  const handler = (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (!isReportPost(req)) return next();
    answered(req, res).then((answer) => send(res, answer), next);
  };
  const answer = async (req: ExpressRequest, res: ExpressResponse): Promise<SentAnswer> => {
    const { status, body, ...given } = await answered(req, res);
    return { status, body, headers: fetchOrder(given).map(([name, value]) => [name, withExpressCharset(name, value)]) };
  };
  return Object.assign(handler, { takes: isReportPost, answer });
}
