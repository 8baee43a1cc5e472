// The HTTP server's protections around the Remix handler (scripts/server.mjs): security
// headers on every answer, `Cache-Control: no-store` on everything that is not a static
// asset, the refusal of cross-site form posts before Remix sees them, and a last error
// handler that never sends a stack.
import crypto from "node:crypto";
import helmet from "helmet";

// Nonces are cut from random bytes drawn a few kilobytes at a time (a draw costs microseconds).
let noncePool = Buffer.alloc(0);
let nonceOffset = 0;

/** A fresh nonce per request for the inline scripts Remix renders (see app/entry.server.tsx). */
export function cspNonce(_req, res, next) {
  if (nonceOffset + 16 > noncePool.length) {
    noncePool = crypto.randomBytes(4096);
    nonceOffset = 0;
  }
  res.locals.cspNonce = noncePool.toString("base64", nonceOffset, (nonceOffset += 16));
  next();
}

// helmet's usual headers, with a policy that lets only our own files and this request's
// inline scripts run. Inline style attributes stay allowed: components set a few, and
// a style cannot run code.
export const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
      styleSrc: ["'self'"],
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: "deny" },
  referrerPolicy: { policy: "same-origin" },
});

/**
 * The security headers' middleware as one step, for the answers given before Express
 * (`answerFirst`): helmet sets the same headers on every answer but for the policy's
 * nonce, so they are worked out once, by running it on a response that records them; this
 * gives them again, in helmet's order, with an answer's own nonce.
 */
function securityHeadersOnce() {
  const mark = "vigil-nonce-placeholder";
  const recorded = [];
  let passed = false;
  const recorder = { locals: { cspNonce: mark }, setHeader: (name, value) => recorded.push([name, value]), removeHeader() {} };
  securityHeaders({}, recorder, (error) => {
    if (error) throw error;
    passed = true;
  });
  if (!passed) throw new Error("The security headers' middleware did not finish on its own.");
  const headers = recorded.map(([name, value]) => ({ name, value, nonced: typeof value === "string" && value.includes(mark) }));
  return (nonce) => headers.map(({ name, value, nonced }) => [name, nonced ? value.replace(mark, nonce) : value]);
}

/**
 * `Cache-Control: no-store` on every answer that sets none itself: pages and their data
 * may show who reported what, and neither a shared cache nor the browser's should keep
 * them. Mounted after the static files, which are cached on purpose.
 */
export function noStoreByDefault(_req, res, next) {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", "no-store");
    return writeHead.apply(this, args);
  };
  next();
}

/** The host a request was sent to, read as Remix reads it (X-Forwarded-Host first). */
function requestHost(req) {
  const forwarded = req.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || req.get("host") || null;
}

function originHost(origin) {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Refuses a state-changing request whose Origin is another site's, "null" or not an
 * origin at all, with 403. Remix makes the same check and fails it with a 500; this
 * answers first, so a client learns what was wrong. The API is exempt: its clients
 * authenticate with a key, not with cookies a browser would add.
 */
export function refuseCrossSite(req, res, next) {
  // A HEAD for page data is an action request to Remix (anything but GET is), so it is checked too.
  const reads = req.method === "GET" || (req.method === "HEAD" && !req.path.endsWith(".data"));
  if (reads || req.path.startsWith("/api/")) return next();
  const origin = req.get("origin");
  if (origin === undefined) return next();
  const host = originHost(origin);
  if (host && host === requestHost(req)) return next();
  res.status(403).type("text/plain; charset=utf-8").send("Cross-site request refused: Vigil takes forms only from its own pages.");
}

/**
 * `?_data=` was how Remix fetched page data before single fetch (`<path>.data`); Remix
 * still routes it and then fails on it with a 500. Nothing of Vigil's sends it.
 */
export function refuseLegacyDataRequests(req, res, next) {
  const query = req.originalUrl.indexOf("?");
  if (query === -1 || !new URLSearchParams(req.originalUrl.slice(query + 1)).has("_data")) return next();
  res.status(400).type("text/plain; charset=utf-8").send("Bad request: page data is at <path>.data; the _data parameter is not used.");
}

/** A route's full path pattern as a regular expression (`cases/:ref/presence`). */
function routePattern(routes, id) {
  const segments = [];
  for (let route = routes[id]; route; route = routes[route.parentId]) {
    if (route.path) segments.unshift(...route.path.split("/"));
  }
  const source = segments
    .filter(Boolean)
    .map((s) => (s === "*" ? ".*" : s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^/${source}/?$`, "i");
}

/**
 * Routes without a page (the API, event streams, health) have no page data: a
 * single-fetch GET of `<path>.data` there answers 404. Remix would otherwise read the
 * loader's whole answer to encode it, and an event stream never ends. Posts go through:
 * a page's form may post to such a route (the case page's escalation moves do).
 */
export function noDataFromResourceRoutes(build) {
  const patterns = Object.values(build.routes)
    // Remix's own test for a resource route: neither a page nor an error boundary.
    .filter((route) => route.module.default == null && route.module.ErrorBoundary == null && route.path)
    .map((route) => routePattern(build.routes, route.id));
  return (req, res, next) => {
    const loads = req.method === "GET" || req.method === "HEAD";
    if (!loads || !req.path.endsWith(".data") || !patterns.some((p) => p.test(req.path.slice(0, -".data".length)))) return next();
    res.status(404).type("text/plain; charset=utf-8").send("Not found: this address has no page data.");
  };
}

/**
 * The last handler: what escaped everything else. A request Node or Express could not
 * make sense of (a malformed address or Host) answers 400; anything else is logged and
 * answers 500, without the error's text.
 */
export function answerErrors(error, _req, res, next) {
  if (res.headersSent) return next(error);
  const status = error?.code === "ERR_INVALID_URL" ? 400 : Number(error?.status ?? error?.statusCode);
  if (status >= 400 && status < 500) {
    res.status(status).type("text/plain; charset=utf-8").send("Bad request: Vigil could not read this request.");
    return;
  }
  console.error(error);
  res.status(500).type("text/plain; charset=utf-8").send("Vigil could not complete this request.");
}

/**
 * An HTTP server's request listener that gives `handler` (an Express handler with a
 * `takes(req)` test and an `answer(req, res)` that gives the answer with the headers Express
 * would send) the POSTs to exactly `path` before Express's router and middleware, and sends
 * what those would have sent: helmet's headers with the request's own nonce, the answer's
 * headers, and `no-store` unless the answer says how to cache it, all in one `writeHead`;
 * every other request goes to `app`. In a raid this is most of what the server answers, and
 * the router, a dozen middlewares and a header set at a time per request were a tenth of a
 * report's CPU (docs/decisions/0026). Whatever escapes the handler is answered as
 * `answerErrors` answers it, with the same headers.
 */
export function answerFirst(app, path, handler) {
  const securityHeadersFor = securityHeadersOnce();
  const passOn = () => {};
  return (req, res) => {
    if (req.method !== "POST" || req.url !== path) return app(req, res);
    // As Express's router and its init middleware prepare a request for its handlers.
    req.originalUrl = req.url;
    req.res = res;
    Object.setPrototypeOf(req, app.request);
    if (!handler.takes(req)) return app(req, res);
    res.req = req;
    Object.setPrototypeOf(res, app.response);
    res.locals = Object.create(null);
    cspNonce(req, res, passOn);
    const nonce = res.locals.cspNonce;
    handler.answer(req, res).then(
      (answer) => {
        const headers = securityHeadersFor(nonce);
        let caching = false;
        for (const header of answer.headers) {
          headers.push(header);
          if (header[0] === "cache-control") caching = true;
        }
        if (!caching) headers.push(["Cache-Control", "no-store"]);
        res.writeHead(answer.status, headers);
        res.write(answer.body);
        res.end();
      },
      (error) => {
        for (const [name, value] of securityHeadersFor(nonce)) res.setHeader(name, value);
        noStoreByDefault(req, res, passOn);
        answerErrors(error, req, res, () => req.socket.destroy());
      },
    );
  };
}
