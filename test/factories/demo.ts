import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { hashApiKey } from "~/models/accounts/api-keys.server";
import { recordReport } from "~/models/intake/intake.server";
import { seedDefaultPolicy } from "~/models/escalation/escalation-policy.server";
import { RULES } from "../../prisma/seed-data/rules";
import { DEMO_REPORTS } from "../../prisma/seed-data/reports";

export const DEMO_PASSWORD = "vigil-demo";
export const DEMO_API_KEY = "vigil_demo_ingest_key";

export const DEMO_USERS = [
  { email: "admin@example.com", name: "Ada Admin", roles: ["admin"] },
  { email: "moderator@example.com", name: "Mo Moderator", roles: ["moderator"] },
  { email: "senior@example.com", name: "Sen Senior", roles: ["senior_moderator"] },
  { email: "lead@example.com", name: "Lee Lead", roles: ["trust_safety_lead"] },
  { email: "responder@example.com", name: "Rita Responder", roles: ["crisis_responder"] },
  { email: "commander@example.com", name: "Cora Commander", roles: ["crisis_commander"] },
  { email: "comms@example.com", name: "Cam Comms", roles: ["comms_lead"] },
  { email: "leadership@example.com", name: "Lou Leadership", roles: ["leadership"] },
] as const;

export async function seedRules() {
  for (const rule of RULES) {
    await prisma.rule.upsert({
      where: { code: rule.code },
      update: {},
      create: {
        code: rule.code,
        severity: rule.severity,
        translations: {
          create: Object.entries(rule.translations).map(([locale, t]) => ({ locale, ...t })),
        },
      },
    });
  }
  return RULES.length;
}

// scrypt is slow on purpose (a quarter of a second here) and the tests seed the demo
// before hundreds of tests: a process hashes the demo password once and stores that hash.
let demoPasswordHash: Promise<string> | null = null;

export async function seedDemo() {
  demoPasswordHash ??= hashPassword(DEMO_PASSWORD);
  const passwordHash = await demoPasswordHash;
  for (const u of DEMO_USERS) {
    await prisma.user.upsert({
      where: { email: u.email },
      update: {},
      create: { email: u.email, name: u.name, passwordHash, roles: { create: u.roles.map((role) => ({ role })) } },
    });
  }
  await prisma.apiKey.upsert({
    where: { hash: hashApiKey(DEMO_API_KEY) },
    update: {},
    create: { name: "Demo platform ingest", prefix: DEMO_API_KEY.slice(0, 10), hash: hashApiKey(DEMO_API_KEY) },
  });
  const rules = await seedRules();
  await seedDefaultPolicy();
  return { users: DEMO_USERS.length, rules };
}

/** Demo reports through the real intake, as the demo platform's API key. */
export async function seedDemoReports() {
  const key = await prisma.apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(DEMO_API_KEY) } });
  const caseIds = new Set<string>();
  for (const submission of DEMO_REPORTS) {
    const outcome = await recordReport(submission, { actor: { kind: "api-key", id: key.id, name: key.name } });
    if (outcome.kind !== "accepted") throw new Error(`demo report not accepted: ${outcome.kind}`);
    caseIds.add(outcome.body.caseId);
  }
  return caseIds.size;
}
