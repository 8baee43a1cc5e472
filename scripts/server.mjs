// The HTTP server: static assets, the Remix request handler, and the background
// work (durable timers, outbox) that the app's server entry exports.
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { listenHost, listenUrl, trustProxySetting } from "./server-settings.mjs";
import * as security from "./http-security.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildPath = path.join(root, "build/index.js");
const build = await import(buildPath);
// Before listening: refuse a bad environment (production without its secrets), seal
// secrets an earlier release stored in plain text.
try {
  for (const line of (await build.entry?.module?.prepareToServe?.()) ?? []) console.log(line);
} catch (error) {
  console.error(`Vigil cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
// Behind a load balancer, TRUST_PROXY (a hop count, or the balancers' addresses) lets rate
// limits see client addresses and cookies see HTTPS.
try {
  app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));
} catch (error) {
  console.error(`Vigil cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

app.use(security.cspNonce, security.securityHeaders);
app.use("/build", express.static(path.join(root, "build/public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "build/public"), { maxAge: "1h" }));
// Answers Remix would give as a 500 (or never) are given here first, as 4xx.
app.use(security.noStoreByDefault, security.refuseCrossSite, security.refuseLegacyDataRequests, security.noDataFromResourceRoutes(build));

// For the ingest benchmark only (VIGIL_WRITE_STATS=1): CPU time and how long writes held the audit head.
if (process.env.VIGIL_WRITE_STATS === "1" && build.entry?.module?.takeWriteStats) {
  app.get("/_bench/write-stats", (_req, res) => res.json(build.entry.module.takeWriteStats()));
}

// What every loader and action is given: the client's address (rate limits), a request id (audit entries).
function loadContext(req, res) {
  return { clientIp: req.ip ?? "unknown", requestId: crypto.randomUUID(), cspNonce: res.locals.cspNonce };
}

// The ingest API's reports are answered before Remix's router, by the route's own function
// on Node's request (docs/decisions/0026); VIGIL_INTAKE_FAST_PATH=off sends them through
// Remix as every other request, with the same answers.
// The exact address platforms post to is answered before Express's router and middleware,
// with the headers they would have set (http-security.mjs); its other spellings here.
const reportIntake = process.env.VIGIL_INTAKE_FAST_PATH === "off" ? null : build.entry?.module?.reportIntakeHandler?.(loadContext);
if (reportIntake) app.post("/api/v1/reports", reportIntake);

app.all(
  "*",
  createRequestHandler({
    // Every page answers 503 with a clear message while the audit log needs attention.
    build: build.entry?.module?.refuseWhileAuditLogNeedsAttention?.(build) ?? build,
    mode: process.env.NODE_ENV === "production" ? "production" : "development",
    getLoadContext: loadContext,
  }),
);
app.use(security.answerErrors);

const port = Number(process.env.PORT ?? 3000);
const host = listenHost(process.env.HOST);
const server = http.createServer(reportIntake ? security.answerFirst(app, "/api/v1/reports", reportIntake) : app);
server.listen(port, host, () => {
  console.log(`Vigil is listening on ${listenUrl(host, port)}`);
});
server.on("error", (error) => {
  console.error(`Vigil cannot listen on ${host ?? "every interface"}, port ${port}: ${error.message}`);
  process.exit(1);
});

const background = build.entry?.module?.startBackgroundWork?.();
// On PostgreSQL: live queue updates and presence to and from the other instances.
const relay = build.entry?.module?.startLiveRelay?.();

function shutdown() {
  background?.stop?.();
  relay?.stop?.();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
