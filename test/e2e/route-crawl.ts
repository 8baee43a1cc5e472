import fs from "node:fs";
import path from "node:path";

// Every GET route of the app, read from app/routes (Remix's flat routes), so a crawl
// covers a route the day it is added; and the address of a route's loader data, built
// in one place for whichever data protocol the app's remix.config.js turns on.

const root = path.resolve(import.meta.dirname, "../..");
const ROUTES_DIR = path.join(root, "app/routes");

export type AppRoute = {
  /** The route id Remix gives the module: `routes/cases.$ref_.messages`. */
  id: string;
  /** The URL pattern with `:name` for each parameter: `/cases/:ref/messages`. */
  pattern: string;
  params: string[];
  /** A resource route (no component): its GET answer is its data. */
  resource: boolean;
  /** Whether it has a loader, i.e. loader data to fetch. */
  loader: boolean;
};

/** A flat-routes file name's segments: dots split them, except inside [escapes]. */
function segments(name: string): string[] {
  const out: string[] = [];
  let current = "";
  let escaped = false;
  for (const ch of name) {
    if (ch === "[") escaped = true;
    else if (ch === "]") escaped = false;
    else if (ch === "." && !escaped) {
      out.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  return [...out, current];
}

function urlSegment(segment: string): string | null {
  if (segment === "_index" || segment.startsWith("_")) return null; // index, or a pathless layout
  const plain = segment.replace(/_$/, "").replace(/[[\]]/g, "");
  if (plain === "$") return ":*";
  return plain.startsWith("$") ? `:${plain.slice(1)}` : plain;
}

/** Every route module in app/routes, as Remix's flat routes convention reads them. */
export function appRoutes(): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    let name: string;
    let file: string;
    if (entry.isDirectory()) {
      const inner = ["route.tsx", "route.ts"].find((f) => fs.existsSync(path.join(ROUTES_DIR, entry.name, f)));
      if (!inner) continue;
      name = entry.name;
      file = path.join(ROUTES_DIR, entry.name, inner);
    } else {
      if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
      name = entry.name.replace(/\.tsx?$/, "");
      file = path.join(ROUTES_DIR, entry.name);
    }
    const parts = segments(name).map(urlSegment).filter((s): s is string => s !== null);
    const source = fs.readFileSync(file, "utf8");
    routes.push({
      id: `routes/${name}`,
      pattern: `/${parts.join("/")}`,
      params: parts.filter((p) => p.startsWith(":")).map((p) => p.slice(1)),
      resource: !/export\s+default\b/.test(source),
      loader: /export\s+(async\s+function|function|const|let)\s+loader\b|export\s*\{[^}]*\bloader\b/.test(source),
    });
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The route's URL with `values` for its parameters. */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:([\w*]+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? ""));
}

/** A regular expression matching the route's paths, capturing each parameter in order. */
export function patternRegExp(pattern: string): RegExp {
  const source = pattern.replace(/[.+?^${}()|\\]/g, "\\$&").replace(/:[\w*]+/g, "([^/?#]+)");
  return new RegExp(`^${source}$`);
}

const singleFetch = /v3_singleFetch\s*:\s*true/.test(fs.readFileSync(path.join(root, "remix.config.js"), "utf8"));

/**
 * The address of one route's loader data for the page at `url` (a path with its query):
 * `?_data=<route id>` in Remix's classic data protocol, `<path>.data?_routes=<route id>`
 * once single fetch is on.
 */
export function loaderDataUrl(url: string, routeId: string): string {
  const parsed = new URL(url, "http://vigil.invalid");
  if (singleFetch) {
    const pathname = parsed.pathname === "/" ? "/_root.data" : `${parsed.pathname.replace(/\/$/, "")}.data`;
    parsed.searchParams.set("_routes", routeId);
    return `${pathname}${parsed.search}`;
  }
  parsed.searchParams.set("_data", routeId);
  return `${parsed.pathname}${parsed.search}`;
}

/** The same-site paths a page's HTML links to. */
export function linkedPaths(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&").split(/[?#]/)[0]);
}
