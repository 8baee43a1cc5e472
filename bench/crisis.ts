// Crisis benchmark (npm run bench:crisis), on SQLite:
//   1. from the call that declares a crisis to its first page written (the page is written
//      in the declaring transaction, so this is the declaration's latency, checked);
//   2. the crisis room's loader with 200 linked cases and 2,000 timeline entries, beside the
//      case page's loader measured in the same run on one of the linked cases.
// BENCH_ROUNDS (default 40) samples of each.
import { register } from "node:module";
import { freshDatabase, printTable, summarise, timed } from "./lib";

register("./css-hooks.mjs", import.meta.url);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const LINKED = 200;
const TIMELINE = 2000;

async function main() {
  freshDatabase("crisis");
  const { seedDemo } = await import("../test/factories/demo");
  const { seedTemplates } = await import("../test/factories/templates");
  const { seedPlaybooks } = await import("../test/factories/playbooks");
  const { publishedVersionId } = await import("../test/factories/crises");
  const { userByEmail } = await import("../test/factories/cases");
  const { recordReport } = await import("~/models/intake/intake.server");
  const { applyCrisisEvent, declareCrisis } = await import("~/models/crises/crisis-commands.server");
  const { crisisRoom } = await import("~/models/crises/crisis-room-view.server");
  const { loadCasePage } = await import("~/models/cases/case-view.server");
  const { prisma } = await import("~/utils/db.server");

  await seedDemo();
  await seedTemplates();
  await seedPlaybooks();
  const lead = await userByEmail("lead@example.com");
  const versionId = await publishedVersionId("harassment_raid");

  // 1. Declare → first page.
  const declare: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const [outcome, ms] = await timed(() =>
      declareCrisis({ title: `Raid ${i}`, crisisType: "harassment_raid", severity: "SEV2", known: "", playbookVersionId: versionId, fromCase: null, actor: lead }),
    );
    if (outcome.status !== "applied") throw new Error(outcome.message);
    const pages = await prisma.notification.count({ where: { subjectRef: outcome.ref, kind: "crisis_paged" } });
    if (pages === 0) throw new Error(`${outcome.ref} was declared without a page`);
    declare.push(ms);
  }

  // 2. One crisis with 200 linked cases and 2,000 timeline entries.
  const outcome = await declareCrisis({ title: "The big raid", crisisType: "harassment_raid", severity: "SEV1", known: "", playbookVersionId: versionId, fromCase: null, actor: lead });
  if (outcome.status !== "applied") throw new Error(outcome.message);
  const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref: outcome.ref } });
  const caseRefs: string[] = [];
  for (let i = 0; i < LINKED; i++) {
    const reported = await recordReport(
      { source: "platform", subject: { type: "content", id: `bench-raid-${i}`, authorHandle: "@raider", text: "Get out of here.", language: "en" }, ruleCode: "respect" },
      { actor: { kind: "member" }, requestId: null },
    );
    if (reported.kind !== "accepted") throw new Error(reported.kind);
    const c = await prisma.case.findUniqueOrThrow({ where: { id: reported.body.caseId }, select: { id: true, ref: true } });
    caseRefs.push(c.ref);
    await applyCrisisEvent({ id: crisis.id, event: { type: "LINK_CASE", caseId: c.id, caseRef: c.ref }, actor: lead });
  }
  const entries = await prisma.auditEntry.count({ where: { subjectType: "Crisis", subjectId: crisis.id } });
  for (let i = entries; i < TIMELINE; i++) await applyCrisisEvent({ id: crisis.id, event: { type: "NOTE", text: `Note ${i}: the raid moved to another thread.` }, actor: lead });

  const viewer = { ...lead, kind: "user" as const };
  const sessionUser = { id: lead.id, email: lead.email, name: "Lee Lead", roles: lead.roles, sessionId: "bench" };
  const room: number[] = [];
  const casePage: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const [view, ms] = await timed(() => crisisRoom(crisis.ref, viewer));
    if (!view || view.cases.length !== LINKED || view.timelineTotal < TIMELINE) throw new Error("the room did not show what was written");
    room.push(ms);
    const [page, caseMs] = await timed(() => loadCasePage(caseRefs[i % caseRefs.length], sessionUser));
    if (!page) throw new Error("no case page");
    casePage.push(caseMs);
  }

  console.log(`Crisis bench on SQLite, ${ROUNDS} rounds each`);
  printTable([
    summarise("declare → first page written", declare),
    summarise(`crisis room loader (${LINKED} cases, ${TIMELINE} entries)`, room),
    summarise("case page loader (same run)", casePage),
  ]);
  await prisma.$disconnect();
}

await main();
