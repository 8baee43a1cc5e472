import type { PlaybookWorld } from "@machines/playbook";
import { PUBLIC_LOCALES } from "~/i18n/public";
import { prisma } from "~/utils/db.server";
import { ROLES } from "~/utils/permissions";
import { PURPOSE_KEYS, PURPOSES } from "../templates/template-purposes";
import { parseVariants } from "../templates/templates.server";
import { CRISIS_TYPE_KEYS, STATEMENT_AUDIENCES } from "./playbook-words";

// What exists outside a playbook, as the verifier needs it (machines/ imports nothing from
// the app): Vigil's roles, template purposes and their channels, the languages Vigil speaks
// to members, and the templates approved right now, so a statement language without one is
// named with the fallback that will be used.

export async function playbookWorld(): Promise<PlaybookWorld> {
  const approved = await prisma.templateVersion.findMany({ where: { status: "approved" }, select: { variants: true, template: { select: { purpose: true, channel: true } } } });
  const templates = approved.flatMap((v) => Object.keys(parseVariants(v.variants)).map((language) => ({ purpose: v.template.purpose, channel: v.template.channel, language })));
  return {
    roles: ROLES,
    purposes: Object.fromEntries(PURPOSE_KEYS.map((p) => [p, { channels: PURPOSES[p].channels }])),
    languages: PUBLIC_LOCALES,
    audiences: STATEMENT_AUDIENCES,
    crisisTypes: CRISIS_TYPE_KEYS,
    templates,
    defaultLanguage: "en",
  };
}
