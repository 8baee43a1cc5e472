// Reports about the same subject gather into one case through this key. The rule
// (docs/decisions/0006-intake.md): an id that is an http(s) URL, or no id but a URL,
// keys on the normalised URL; any other id keys on itself, trimmed and NFC-normalised
// (case kept: platform ids are often case-sensitive), except "@handles" of accounts,
// which are case-insensitive.

export type SubjectType = "content" | "account";

/**
 * The longest text snapshot a report may carry, in UTF-16 code units (JavaScript's
 * `length`: most emoji count as two). Here, not in intake, so the form can show it.
 */
export const MAX_TEXT_LENGTH = 20_000;
export type SubjectRef = { type: SubjectType; id?: string | null; url?: string | null };

// Parameters that only say where a visitor came from; dropping them never changes the page.
const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "igshid",
  "mc_cid",
  "mc_eid",
  "_ga",
  "_gl",
  "ref_src",
  "ref_url",
]);

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith("utm_") || TRACKING_PARAMS.has(lower);
}

/**
 * The input as an http(s) URL, or null. "www.example.com/…" counts as https, since
 * that is what members paste when they copy from an address bar that hides the scheme.
 */
export function parseHttpUrl(input: string): URL | null {
  const trimmed = input.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  const candidate = /^www\./i.test(trimmed) ? `https://${trimmed}` : trimmed;
  if (!/^https?:\/\//i.test(candidate)) return null;
  try {
    const url = new URL(candidate);
    return url.hostname ? url : null;
  } catch {
    return null;
  }
}

/**
 * Lowercase scheme and host (the URL parser does that, and punycodes international
 * hosts), no default port, no trailing dot on the host, no fragment, no tracking
 * parameters, the rest sorted by name, no trailing slash, percent-escapes in
 * upper case. Otherwise path and query stay
 * case-sensitive: servers may treat them so.
 */
export function normaliseUrl(input: string): string | null {
  const url = parseHttpUrl(input.normalize("NFC"));
  if (!url) return null;
  url.hash = "";
  url.hostname = url.hostname.replace(/\.$/, "");
  for (const name of [...url.searchParams.keys()]) if (isTrackingParam(name)) url.searchParams.delete(name);
  url.searchParams.sort();
  const query = url.searchParams.toString();
  const path = url.pathname.replace(/\/+$/, "").replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
  const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ""}@` : "";
  return `${url.protocol}//${auth}${url.host}${path}${query ? `?${query}` : ""}`;
}

function normaliseId(type: SubjectType, id: string): string {
  const clean = id.trim().normalize("NFC");
  return type === "account" && clean.startsWith("@") ? clean.toLowerCase() : clean;
}

/** The case key of a subject, e.g. `content:url:https://example.com/p/1` or `account:id:@alice`. */
export function subjectKey(subject: SubjectRef): string {
  const id = subject.id?.trim() ?? "";
  const idAsUrl = id ? normaliseUrl(id) : null;
  if (idAsUrl) return `${subject.type}:url:${idAsUrl}`;
  if (id) return `${subject.type}:id:${normaliseId(subject.type, id)}`;
  const url = subject.url ? normaliseUrl(subject.url) : null;
  if (url) return `${subject.type}:url:${url}`;
  throw new Error("A subject needs an id or an http(s) URL.");
}

/**
 * What the public form's single "link or id" field names: a URL-looking input is the
 * subject's URL (and, since members know no platform ids, also its id); anything else
 * is an id. Kept as typed, apart from surrounding spaces and a missing "https://".
 */
export function subjectFromInput(input: string): { id: string; url: string | null } {
  const id = input.trim();
  if (!parseHttpUrl(id)) return { id, url: null };
  return { id, url: /^www\./i.test(id) ? `https://${id}` : id };
}
