// Demo data for a fresh installation: one user per role (password "vigil-demo"),
// the demo ingest API key, the community rules, a few reported cases, the approved
// response templates, the four crisis playbooks, published, and a data-leak crisis (CR-DATA7KQ2).
// Refused when NODE_ENV=production, unless scripts/setup.mjs runs it on first start
// (`--first-start`: the embedded default database, or `--demo`, and only when empty).
import { prisma } from "~/utils/db.server";
import { seedDemo, seedDemoReports } from "../test/factories/demo";
import { seedCrises } from "../test/factories/crises";
import { seedPlaybooks } from "../test/factories/playbooks";
import { seedTemplates } from "../test/factories/templates";

const firstStart = process.argv.includes("--first-start");
if (process.env.NODE_ENV === "production" && !firstStart) {
  console.error("Refusing to seed demo data when NODE_ENV=production.");
  process.exit(1);
}

const ifEmpty = firstStart || process.argv.includes("--if-empty");
if (ifEmpty && (await prisma.user.count()) > 0) {
  process.exit(0);
}
const summary = await seedDemo();
const cases = await seedDemoReports();
const templates = await seedTemplates();
const playbooks = await seedPlaybooks();
const crises = await seedCrises();
console.log(`Seeded ${summary.users} users, ${summary.rules} rules, the demo API key, ${cases} demo cases, ${templates} approved templates, ${playbooks} published playbooks and ${crises} demo crisis.`);
if (firstStart) console.log("Demo data: sign in as admin@example.com (or any role in the README) with the password vigil-demo.");
await prisma.$disconnect();
