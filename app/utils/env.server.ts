import { z } from "zod";

// Every setting Vigil reads from the environment, validated once at start-up.
export const DEVELOPMENT_SESSION_SECRET = "vigil-development-secret-change-me";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().default("file:./data/vigil.db"),
  SESSION_SECRET: z.string().min(16).default(DEVELOPMENT_SESSION_SECRET),
  PORT: z.coerce.number().int().positive().default(3000),
  CLAIM_TTL_MINUTES: z.coerce.number().positive().default(10),
  // Seals secrets Vigil must read back (webhook signing secrets): 32 bytes, base64 or hex.
  VIGIL_ENCRYPTION_KEY: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

/** Reads the settings from `source`; throws on a bad or, in production, a missing one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  if (parsed.data.NODE_ENV === "production" && parsed.data.SESSION_SECRET.startsWith("vigil-development")) {
    throw new Error("SESSION_SECRET must be set in production.");
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.VIGIL_ENCRYPTION_KEY) {
    throw new Error("VIGIL_ENCRYPTION_KEY must be set in production: 32 random bytes as base64 or hex, e.g. `openssl rand -base64 32`.");
  }
  return parsed.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
