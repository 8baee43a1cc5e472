import type { ServerBuild } from "@remix-run/node";
import { AuditLogNeedsAttention } from "~/models/audit/audit.server";

// Every change in Vigil is recorded in the audit chain in its own transaction, so when
// the chain cannot grow (AuditLogNeedsAttention) no change can be made. Each page's
// loader and action answer that as a 503 with a message people can act on, instead of
// "Something went wrong"; the API answers it in answerApi, the report form on the form.

export const AUDIT_ATTENTION_MESSAGE =
  "Vigil cannot record changes right now: its audit log needs an administrator's attention (the integrity check on the Audit page names the entry). Nothing was changed.";

type RouteModule = ServerBuild["routes"][string]["module"];
type DataFunction = NonNullable<RouteModule["loader"]>;

function guard<F extends DataFunction>(run: F): F {
  return (async (args: Parameters<F>[0]) => {
    try {
      return await run(args);
    } catch (error) {
      if (!(error instanceof AuditLogNeedsAttention)) throw error;
      console.error(error.message);
      throw Response.json({ message: AUDIT_ATTENTION_MESSAGE }, { status: 503, statusText: "Service Unavailable" });
    }
  }) as F;
}

/** The route module with its loader and action answering 503 while the audit log needs attention. */
export function guardRouteModule<M extends { loader?: DataFunction; action?: DataFunction }>(module: M): M {
  return { ...module, loader: module.loader && guard(module.loader), action: module.action && guard(module.action) };
}

/** The app build, every route guarded: what the HTTP server serves (scripts/server.mjs). */
export function refuseWhileAuditLogNeedsAttention(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(Object.entries(build.routes).map(([id, route]) => [id, { ...route, module: guardRouteModule(route.module) }]));
  return { ...build, routes };
}
