import type { z } from "zod";

// JSON read at a boundary (a client's cursor, another instance's message, a column written
// by an earlier release) is checked against its schema where it is read, never cast.

/** The value if `text` is JSON of the schema's shape; otherwise null. */
export function parseJsonAs<S extends z.ZodTypeAny>(schema: S, text: string | null | undefined): z.infer<S> | null {
  if (text === null || text === undefined) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** As `parseJsonAs`, for data Vigil wrote itself: a mismatch is a defect, named with `what`. */
export function readStoredJson<S extends z.ZodTypeAny>(schema: S, text: string, what: string): z.infer<S> {
  const value = parseJsonAs(schema, text);
  if (value === null) throw new Error(`${what} is not in the shape this release reads.`);
  return value;
}
