import { lintTemplate } from "~/models/templates/template-lint";
import type { Purpose } from "~/models/templates/template-purposes";
import { PURPOSES, PURPOSE_KEYS } from "~/models/templates/template-purposes";
import type { Variants } from "~/models/templates/template-render";
import { prisma } from "~/utils/db.server";
import { CRISIS_TEMPLATE_TEXTS, TEMPLATE_TEXTS } from "../../prisma/seed-data/templates";

// The seeded template library: every purpose on each of its channels, approved; what crisis
// statements send also in German and Spanish.
// Written by the admin and approved by the comms lead, as the lifecycle requires.

export const TEMPLATE_AUTHOR = "admin@example.com";
export const TEMPLATE_APPROVER = "comms@example.com";

export function seededTemplates() {
  return PURPOSE_KEYS.flatMap((purpose: Purpose) =>
    PURPOSES[purpose].channels.map((channel) => {
      const variants: Variants = Object.fromEntries(
        Object.entries({ ...TEMPLATE_TEXTS[purpose], ...CRISIS_TEMPLATE_TEXTS[purpose] }).map(([language, t]) => [language, channel === "email" ? { subject: t.subject, body: t.body } : { body: t.body }]),
      );
      return { key: `${purpose}.${channel}`, purpose, channel, defaultLanguage: "en", variants };
    }),
  );
}

/** Loads the library, approved (the users must exist: seedDemo first). Skips keys already there. */
export async function seedTemplates() {
  const author = await prisma.user.findUniqueOrThrow({ where: { email: TEMPLATE_AUTHOR } });
  const approver = await prisma.user.findUniqueOrThrow({ where: { email: TEMPLATE_APPROVER } });
  const at = new Date();
  let count = 0;
  for (const t of seededTemplates()) {
    const issues = lintTemplate(t);
    if (issues.length > 0) throw new Error(`seed template ${t.key} fails lint: ${issues.map((i) => `${i.language} ${i.message}`).join("; ")}`);
    if (await prisma.template.findUnique({ where: { key: t.key } })) continue;
    await prisma.template.create({
      data: {
        key: t.key,
        purpose: t.purpose,
        channel: t.channel,
        defaultLanguage: t.defaultLanguage,
        versions: { create: { version: 1, status: "approved", variants: JSON.stringify(t.variants), authorId: author.id, submittedAt: at, approvedById: approver.id, approvedAt: at, note: "Seeded library" } },
      },
    });
    count++;
  }
  return count;
}
