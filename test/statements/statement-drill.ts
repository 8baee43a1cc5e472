import { declareCrisis } from "~/models/crises/crisis-commands.server";
import { draftCell, moveStatement } from "~/models/statements/statement-commands.server";
import type { MachineBody } from "~/models/statements/statement-events";
import { publishVersion, saveDraft } from "~/models/playbooks/playbook-commands.server";
import { prisma } from "~/utils/db.server";
import { userByEmail } from "../factories/cases";

// A short playbook whose holding statement needs two cells (members, status page, English
// and Polish), approved by one commander or lead and published by the comms lead: small
// enough to work every cell of it in a test. The end-to-end spec imports the same text.

export const STATEMENT_DRILL = `key: statement_drill
title: Statement drill
crisisTypes: [pr_backlash]
severity:
  levels: [medium, high, critical]
review:
  owner: crisis_commander
  title: Review the drill
phases:
  - id: assess
    title: Assess
    steps:
      - id: confirm
        kind: task
        title: Confirm what members are saying
        owner: crisis_commander
  - id: communicate
    title: Communicate
    steps:
      - id: holding
        kind: statement
        title: Draft the members' holding statement
        owner: comms_lead
        purpose: holding_statement
        audiences: [members]
        channels: [public_post]
        languages: [en, pl]
        approval: approve_holding
      - id: approve_holding
        kind: approval
        title: Approve the members' holding statement
        approvers: [crisis_commander, trust_safety_lead]
        onReject: holding
      - id: publish_holding
        kind: publish
        title: Publish the members' holding statement
        statement: holding
      - id: stand_down
        kind: task
        title: Stand the team down
        owner: crisis_commander
`;

export async function drillPeople() {
  const [comms, commander, lead] = await Promise.all(["comms@example.com", "commander@example.com", "lead@example.com"].map(userByEmail));
  return { comms, commander, lead };
}

/** Publishes the drill and declares a crisis on it, standing at its first task. */
export async function declareDrill() {
  const { lead } = await drillPeople();
  const saved = await saveDraft({ source: STATEMENT_DRILL, via: "import" }, lead);
  if (saved.status !== "ok") throw new Error(`the drill was not saved: ${saved.message}`);
  const published = await publishVersion("statement_drill", saved.value.version, lead);
  if (published.status !== "ok") throw new Error(`the drill was not published: ${published.message}`);
  const version = await prisma.playbookVersion.findFirstOrThrow({ where: { status: "published", playbook: { key: "statement_drill" } } });
  const declared = await declareCrisis({ title: "Members angry about the new feed", crisisType: "pr_backlash", severity: "SEV2", known: "", playbookVersionId: version.id, fromCase: null, actor: lead });
  if (declared.status !== "applied") throw new Error(declared.message);
  return prisma.crisis.findUniqueOrThrow({ where: { ref: declared.ref } });
}

type Person = Awaited<ReturnType<typeof userByEmail>>;

/** Moves a statement, failing loudly when it is not applied. */
export async function moved(ref: string, event: MachineBody, actor: Person) {
  const outcome = await moveStatement({ ref, event, actor });
  if (outcome.status !== "applied") throw new Error(`${event.type} ${ref}: ${outcome.message}`);
  return prisma.statement.findUniqueOrThrow({ where: { ref } });
}

/** Drafts one of the drill's cells from its template. */
export async function drafted(crisisRef: string, language: string, actor: Person) {
  const outcome = await draftCell({ crisisRef, stage: "holding", audience: "members", channel: "public_post", language, actor });
  if (outcome.status !== "applied") throw new Error(`drafting ${language}: ${outcome.message}`);
  return prisma.statement.findUniqueOrThrow({ where: { ref: outcome.ref } });
}
