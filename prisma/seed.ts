// Demo data for a fresh installation: one user per role (password "vigil-demo"),
// the demo ingest API key, the community rules, and a few reported cases.
// Refused when NODE_ENV=production.
import { prisma } from "~/utils/db.server";
import { seedDemo } from "../test/factories/demo";

if (process.env.NODE_ENV === "production") {
  console.error("Refusing to seed demo data when NODE_ENV=production.");
  process.exit(1);
}

const ifEmpty = process.argv.includes("--if-empty");
if (ifEmpty && (await prisma.user.count()) > 0) {
  process.exit(0);
}
const summary = await seedDemo();
console.log(`Seeded ${summary.users} users, ${summary.rules} rules, ${summary.cases} demo cases and the demo API key.`);
await prisma.$disconnect();
