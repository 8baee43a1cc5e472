import { declareCrisis } from "~/models/crises/crisis-commands.server";
import { prisma } from "~/utils/db.server";
import { userByEmail } from "./cases";

// The demo's crisis: a data leak declared by the trust & safety lead, under a stable
// reference the end-to-end pages and the README's examples use. Seed the playbooks first.

export const DEMO_CRISIS_REF = "CR-DATA7KQ2";

/** The published version of a library playbook, by key. */
export async function publishedVersionId(key: string): Promise<string> {
  const version = await prisma.playbookVersion.findFirstOrThrow({ where: { status: "published", playbook: { key } }, select: { id: true } });
  return version.id;
}

export async function seedCrises() {
  if (await prisma.crisis.findUnique({ where: { ref: DEMO_CRISIS_REF } })) return 0;
  const outcome = await declareCrisis({
    ref: DEMO_CRISIS_REF,
    title: "Member emails visible on public profiles",
    crisisType: "data_leak",
    severity: "SEV2",
    known: "Since this morning's release, some public profiles show the member's email address. Reports started at 09:40.",
    playbookVersionId: await publishedVersionId("data_leak"),
    fromCase: null,
    actor: await userByEmail("lead@example.com"),
  });
  if (outcome.status !== "applied") throw new Error(`the demo crisis was not declared: ${outcome.message}`);
  return 1;
}
