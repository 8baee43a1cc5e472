// The HTTP server: static assets, the Remix request handler, and the background
// work (durable timers, outbox) that the app's server entry exports.
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
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
// Behind a load balancer, set TRUST_PROXY (e.g. "1") so rate limits see client IPs.
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

app.use(security.cspNonce, security.securityHeaders);
app.use("/build", express.static(path.join(root, "build/public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "build/public"), { maxAge: "1h" }));
// Answers Remix would give as a 500 (or never) are given here first, as 4xx.
app.use(security.noStoreByDefault, security.refuseCrossSite, security.refuseLegacyDataRequests, security.noDataFromResourceRoutes(build));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV === "production" ? "production" : "development",
    getLoadContext(req, res) {
      return { clientIp: req.ip ?? "unknown", requestId: crypto.randomUUID(), cspNonce: res.locals.cspNonce };
    },
  }),
);
app.use(security.answerErrors);

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  console.log(`Vigil is listening on http://localhost:${port}`);
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
