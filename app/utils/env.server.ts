import { z } from "zod";

// Every setting Vigil reads from the environment, validated once at start-up.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().default("file:./data/vigil.db"),
  SESSION_SECRET: z.string().min(16).default("vigil-development-secret-change-me"),
  PORT: z.coerce.number().int().positive().default(3000),
  CLAIM_TTL_MINUTES: z.coerce.number().positive().default(10),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    if (parsed.data.NODE_ENV === "production" && parsed.data.SESSION_SECRET.startsWith("vigil-development")) {
      throw new Error("SESSION_SECRET must be set in production.");
    }
    cached = parsed.data;
  }
  return cached;
}
