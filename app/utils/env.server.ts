import { z } from "zod";

// An empty variable (`MESSAGE_DELIVERY_URL=`) means unset, as a deploy template leaves it.
const optional = <T extends z.ZodType>(type: T) => z.preprocess((v) => (v === "" ? undefined : v), type.optional());

// Every setting Vigil reads from the environment, validated once at start-up.
export const DEVELOPMENT_SESSION_SECRET = "vigil-development-secret-change-me";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().default("file:./data/vigil.db"),
  SESSION_SECRET: z.string().min(16).default(DEVELOPMENT_SESSION_SECRET),
  PORT: z.coerce.number().int().positive().default(3000),
  CLAIM_TTL_MINUTES: z.coerce.number().positive().default(10),
  // The early-warning monitor (docs/decisions/0023): how often it looks (0: never), how many
  // reports a window needs before it can be a spike, how many times its baseline, and how
  // long the same signal is not proposed again.
  CRISIS_MONITOR_MINUTES: z.coerce.number().min(0).default(2),
  CRISIS_MONITOR_MIN_REPORTS: z.coerce.number().int().positive().default(25),
  CRISIS_MONITOR_FACTOR: z.coerce.number().positive().default(5),
  CRISIS_MONITOR_COOLDOWN_HOURS: z.coerce.number().positive().default(6),
  // Seals secrets Vigil must read back (webhook signing secrets): 32 bytes, base64 or hex.
  VIGIL_ENCRYPTION_KEY: z.string().optional(),
  // Signs the audit chain's checkpoints (Ed25519 seed: 32 bytes, base64 or hex); derived from SESSION_SECRET when unset.
  VIGIL_AUDIT_SIGNING_KEY: optional(
    z.string().refine((v) => Buffer.from(v, /^[0-9a-f]{64}$/i.test(v) ? "hex" : "base64").length === 32, "32 bytes as base64 or hex, e.g. `openssl rand -base64 32`"),
  ),
  // Where messages to members go: the community platform's endpoint (docs/decisions/0014).
  MESSAGE_DELIVERY_URL: optional(z.url({ protocol: /^https?$/, error: "an http(s) address" })),
  MESSAGE_DELIVERY_SECRET: optional(z.string().min(16)),
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
  if (parsed.data.MESSAGE_DELIVERY_URL && !parsed.data.MESSAGE_DELIVERY_SECRET) {
    throw new Error("MESSAGE_DELIVERY_SECRET must be set when MESSAGE_DELIVERY_URL is: the platform checks each message's signature with it.");
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

/** The community platform's endpoint for messages to members, or null when none is configured. */
export function messageDeliveryEndpoint(): { url: string; secret: string } | null {
  const { MESSAGE_DELIVERY_URL: url, MESSAGE_DELIVERY_SECRET: secret } = env();
  return url && secret ? { url, secret } : null;
}
