import { declareCrisis } from "~/models/crises/crisis-commands.server";
import { draftCell, moveStatement } from "~/models/statements/statement-commands.server";
import type { MachineBody } from "~/models/statements/statement-events";
import { publishVersion, saveDraft } from "~/models/playbooks/playbook-commands.server";
import { prisma } from "~/utils/db.server";
import { userByEmail } from "../factories/cases";
import { STATEMENT_DRILL } from "../factories/statement-drill";

// The statement drill (test/factories/statement-drill.ts) published and declared, and its
// cells worked through the statements' own commands.

export async function drillPeople() {
  const [comms, commander, lead] = await Promise.all(["comms@example.com", "commander@example.com", "lead@example.com"].map(userByEmail));
  return { comms, commander, lead };
}

/** Publishes the drill (or a variant of its text) and declares a crisis on it, standing at its first task. */
export async function declareDrill(source = STATEMENT_DRILL) {
  const { lead } = await drillPeople();
  const saved = await saveDraft({ source, via: "import" }, lead);
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
