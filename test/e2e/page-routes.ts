import fs from "node:fs";
import path from "node:path";

// The pages Vigil serves, read from the route files themselves (Remix's flat routes), so a
// page added tomorrow is visited by every-page.spec.ts and must be in the README's table
// without anyone remembering to list it.

const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");

export type PageRoute = {
  /** The route file, e.g. `cases.$ref_.messages.tsx`. */
  file: string;
  /** The address pattern, e.g. `/cases/:ref/messages`. */
  path: string;
  params: string[];
};

/** Route modules with a component: the ones a browser can open with GET. */
export function pageRoutes(): PageRoute[] {
  return fs
    .readdirSync(ROUTES_DIR, { withFileTypes: true })
    .map((entry) => {
      if (entry.isDirectory()) throw new Error(`app/routes/${entry.name}/: teach page-routes.ts about route folders.`);
      return entry.name;
    })
    .filter((file) => file.endsWith(".tsx") && /^export default /m.test(fs.readFileSync(path.join(ROUTES_DIR, file), "utf8")))
    .map((file) => {
      const segments = file
        .replace(/\.tsx$/, "")
        .split(".")
        // `_index` and pathless layouts (`_auth`) add no segment; a trailing `_` only opts out of nesting.
        .filter((segment) => !segment.startsWith("_"))
        .map((segment) => segment.replace(/_$/, ""))
        .map((segment) => (segment.startsWith("$") ? `:${segment.slice(1)}` : segment));
      return { file, path: `/${segments.join("/")}`, params: segments.filter((s) => s.startsWith(":")).map((s) => s.slice(1)) };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Seeded values for a parameter that means something else on one page than on the others
 * (`:key` is a template's key on `/templates/:key` and a playbook's here).
 */
export const ROUTE_PARAM_VALUES: Record<string, Record<string, string>> = {
  "/admin/playbooks/:key": { key: "harassment_raid" },
  // The demo seed's data-leak crisis (test/factories/crises.ts).
  "/crises/:ref": { ref: "CR-DATA7KQ2" },
  "/crises/:ref/statements": { ref: "CR-DATA7KQ2" },
  "/crises/:ref/review": { ref: "CR-DATA7KQ2" },
};

/** The address of a page with its parameters filled in. */
export function addressOf(route: PageRoute, values: Record<string, string>, queries: Record<string, string> = {}): string {
  const filled = route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = ROUTE_PARAM_VALUES[route.path]?.[name] ?? values[name];
    if (value === undefined) throw new Error(`${route.file}: every-page.spec.ts has no seeded value for the parameter “${name}”; add one.`);
    return encodeURIComponent(value);
  });
  return filled + (queries[route.path] ?? "");
}
