// Minimal cookie reading and writing: every cookie Vigil sets is HttpOnly and
// SameSite=Lax, and Secure whenever the request came over HTTPS.

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function serializeCookie(
  request: Request,
  name: string,
  value: string,
  options: { maxAgeSeconds?: number } = {},
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (new URL(request.url).protocol === "https:") parts.push("Secure");
  return parts.join("; ");
}
