import { beforeEach, describe, expect, it } from "vitest";
import { exportVersion, publishVersion, saveDraft } from "~/models/playbooks/playbook-commands.server";
import { playbookPage, publishedPlaybook } from "~/models/playbooks/playbook-views.server";
import { prisma } from "~/utils/db.server";
import { rawSql } from "../db";
import { userByEmail } from "../factories/cases";
import { LIBRARY_FILES } from "../factories/playbooks";
import { edit, playbookAudit, RAID, seedWithPlaybooks, unreachableLine, versionsOf, withLongerPage, withUnreachableStep } from "./helpers";

// Playbook versions as the model keeps them: drafts written by those who may draft,
// publishing refused on any verifier error and by anyone without the permission, a
// version's plan never changing once written, and every change in the audit log.

describe("playbook versions", () => {
  beforeEach(seedWithPlaybooks);

  it("seeds the four library playbooks, each published as version 1 and verified clean against the seeded roles and templates", async () => {
    const playbooks = await prisma.playbook.findMany({ orderBy: { key: "asc" }, include: { versions: true } });
    expect(playbooks.map((p) => [p.key, p.publishedVersion, p.versions.map((v) => [v.version, v.status, v.errors, v.warnings])])).toEqual([
      ["data_leak", 1, [[1, "published", 0, 0]]],
      ["harassment_raid", 1, [[1, "published", 0, 0]]],
      ["imminent_harm", 1, [[1, "published", 0, 0]]],
      ["pr_backlash", 1, [[1, "published", 0, 0]]],
    ]);
    expect(LIBRARY_FILES.length).toBe(4);
    for (const p of playbooks) {
      const page = await playbookPage(p.key);
      expect(page?.selected.check.findings, p.key).toEqual([]);
      expect(page?.selected.check.diagram?.nodes.length, p.key).toBeGreaterThan(10);
    }
  });

  it("saves a commander's edit as the next version, a draft, audited, and leaves the published version as it was", async () => {
    const commander = await userByEmail("commander@example.com");
    const before = await versionsOf("harassment_raid");
    const saved = await saveDraft({ source: withLongerPage(), note: "Two more minutes to answer the page", key: "harassment_raid", via: "editor" }, commander);
    expect(saved).toEqual({ status: "ok", value: { key: "harassment_raid", version: 2, created: false } });
    const after = await versionsOf("harassment_raid");
    expect(after.map((v) => [v.version, v.status])).toEqual([
      [1, "published"],
      [2, "draft"],
    ]);
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toMatchObject({ source: withLongerPage(), note: "Two more minutes to answer the page", errors: 0, warnings: 0, authorId: commander.id });
    expect(after[1].hash).not.toBe(after[0].hash);
    const [entry] = await playbookAudit();
    expect(entry).toMatchObject({ action: "playbook.draft_saved", subjectId: "harassment_raid", actorLabel: "commander@example.com", role: "crisis_commander", reason: "Two more minutes to answer the page" });
    expect(JSON.parse(entry.after!)).toMatchObject({ version: 2, status: "draft", errors: 0, warnings: 0 });
  });

  it("refuses a draft from someone who may only read, text that does not read as a playbook, another playbook's key, and no change at all; writing nothing", async () => {
    const responder = await userByEmail("responder@example.com");
    const admin = await userByEmail("admin@example.com");
    expect(await saveDraft({ source: withLongerPage(), key: "harassment_raid", via: "editor" }, responder)).toEqual({ status: "forbidden", message: "You need the permission “draft:playbook” to do this." });

    const broken = edit(RAID, "        due: 10m\n", "        due: soon\n");
    const invalid = await saveDraft({ source: broken, key: "harassment_raid", via: "editor" }, admin);
    expect(invalid.status).toBe("invalid");
    if (invalid.status !== "invalid") return;
    expect(invalid.message).toBe("The text does not read as a playbook: 1 error to fix. Nothing was saved.");
    expect(invalid.findings).toEqual([expect.objectContaining({ code: "schema", line: 24, message: "Step page_commander, due: write a duration such as 15m, 2h, 1d or 1h30m." })]);

    const renamed = await saveDraft({ source: edit(RAID, "key: harassment_raid", "key: data_leak"), key: "harassment_raid", via: "editor" }, admin);
    expect(renamed).toMatchObject({ status: "refused", message: expect.stringContaining("The text names the playbook data_leak, but this is harassment_raid.") });
    expect(await saveDraft({ source: RAID, key: "harassment_raid", via: "editor" }, admin)).toEqual({ status: "refused", message: "Nothing changed since version 1, so nothing was saved." });

    expect((await versionsOf("harassment_raid")).length).toBe(1);
    expect(await playbookAudit()).toEqual([]);
  });

  it("keeps a draft with verifier errors, and refuses to publish it, naming the error and its line; nothing changes", async () => {
    const admin = await userByEmail("admin@example.com");
    const text = withUnreachableStep();
    expect(await saveDraft({ source: text, key: "harassment_raid", via: "editor" }, admin)).toMatchObject({ status: "ok", value: { version: 2 } });
    const draft = (await versionsOf("harassment_raid"))[1];
    expect([draft.errors, draft.warnings]).toEqual([1, 0]);

    const refused = await publishVersion("harassment_raid", 2, admin);
    expect(refused.status).toBe("invalid");
    if (refused.status !== "invalid") return;
    expect(refused.message).toBe("Version 2 cannot be published: the check finds 1 error. Fix them and save a new draft.");
    expect(refused.findings).toEqual([expect.objectContaining({ code: "unreachable_step", stepId: "call_press", line: unreachableLine(), message: "No path reaches step call_press (“Call the press office”)." })]);
    expect((await versionsOf("harassment_raid")).map((v) => v.status)).toEqual(["published", "draft"]);
    expect((await prisma.playbook.findUniqueOrThrow({ where: { key: "harassment_raid" } })).publishedVersion).toBe(1);
    expect((await playbookAudit()).map((e) => e.action)).toEqual(["playbook.draft_saved"]);
  });

  it("refuses publishing to everyone without publish:playbook: a commander who drafted it, a comms lead, leadership", async () => {
    const commander = await userByEmail("commander@example.com");
    await saveDraft({ source: withLongerPage(), key: "harassment_raid", via: "editor" }, commander);
    for (const email of ["commander@example.com", "comms@example.com", "leadership@example.com", "moderator@example.com"]) {
      expect(await publishVersion("harassment_raid", 2, await userByEmail(email)), email).toEqual({ status: "forbidden", message: "You need the permission “publish:playbook” to do this." });
    }
    expect((await versionsOf("harassment_raid")).map((v) => v.status)).toEqual(["published", "draft"]);
  });

  it("publishes a clean draft for a lead, retires the version before it, records its warnings, and audits both", async () => {
    const commander = await userByEmail("commander@example.com");
    const lead = await userByEmail("lead@example.com");
    await saveDraft({ source: withUnreachableStep(), key: "harassment_raid", via: "editor" }, commander);
    await saveDraft({ source: withLongerPage(), key: "harassment_raid", via: "editor" }, commander);
    expect(await publishVersion("harassment_raid", 3, lead)).toEqual({ status: "ok", value: { key: "harassment_raid", version: 3, retired: 1, warnings: 0 } });

    const versions = await versionsOf("harassment_raid");
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, "retired"],
      [2, "draft"],
      [3, "published"],
    ]);
    expect(versions[2]).toMatchObject({ publishedById: lead.id, publishedAt: expect.any(Date) });
    expect((await prisma.playbook.findUniqueOrThrow({ where: { key: "harassment_raid" } })).publishedVersion).toBe(3);
    const published = await publishedPlaybook("harassment_raid");
    expect(published).toMatchObject({ version: 3, hash: versions[2].hash });
    expect(published?.playbook.phases[0].steps[0]).toMatchObject({ id: "page_commander", due: "12m" });

    const audit = (await playbookAudit()).map((e) => [e.action, e.actorLabel, e.role, e.reason]);
    expect(audit).toEqual([
      ["playbook.draft_saved", "commander@example.com", "crisis_commander", null],
      ["playbook.draft_saved", "commander@example.com", "crisis_commander", null],
      ["playbook.retired", "lead@example.com", "trust_safety_lead", "superseded by version 3"],
      ["playbook.published", "lead@example.com", "trust_safety_lead", null],
    ]);
  });

  it("records a published version's warnings, and refuses publishing an older draft over a newer published version", async () => {
    const admin = await userByEmail("admin@example.com");
    // With no status-update template approved, each of its seven languages is a warning, not an error.
    await prisma.templateVersion.updateMany({ where: { template: { purpose: "status_update" }, status: "approved" }, data: { status: "retired" } });
    await saveDraft({ source: withLongerPage(), key: "harassment_raid", via: "editor" }, admin);
    await saveDraft({ source: edit(withLongerPage(), "        due: 12m\n", "        due: 11m\n"), key: "harassment_raid", via: "editor" }, admin);
    const published = await publishVersion("harassment_raid", 3, admin);
    expect(published).toMatchObject({ status: "ok", value: { version: 3, warnings: 7 } });
    const v3 = (await versionsOf("harassment_raid"))[2];
    const findings = JSON.parse(v3.findings) as { code: string; severity: string; stepId: string; message: string }[];
    expect(findings.map((f) => [f.code, f.severity, f.stepId])).toEqual(Array(7).fill(["template_fallback", "warning", "status_update"]));
    expect(findings[0].message).toMatch(/^Statement status_update has no approved status_update template in \w+ for public_post, email;/);
    expect(JSON.parse((await playbookAudit()).at(-1)!.after!).warnings).toEqual(Array(7).fill(expect.stringMatching(/^template_fallback \(line \d+\)$/)));

    expect(await publishVersion("harassment_raid", 2, admin)).toEqual({
      status: "refused",
      message: "Version 3, newer than 2, is already published: publishing 2 would take the plan back. Save 2's text as a new draft to publish it again.",
    });
    expect(await publishVersion("harassment_raid", 3, admin)).toMatchObject({ status: "refused", message: expect.stringMatching(/^Version 3 is published; only a draft can be published\./) });
    expect(await publishVersion("harassment_raid", 9, admin)).toEqual({ status: "not_found", message: "There is no version 9 of harassment_raid." });
  });

  it("never changes a version's plan once written: the store refuses an update of its text, and of a published version's status back to draft", async () => {
    const admin = await userByEmail("admin@example.com");
    await saveDraft({ source: withLongerPage(), key: "harassment_raid", via: "editor" }, admin);
    const [v1, v2] = await versionsOf("harassment_raid");
    await expect(rawSql(`UPDATE "PlaybookVersion" SET "source" = ? WHERE "id" = ?`, "key: tampered", v1.id)).rejects.toThrow(/never changes once written/);
    await expect(rawSql(`UPDATE "PlaybookVersion" SET "compiled" = ? WHERE "id" = ?`, "{}", v2.id)).rejects.toThrow(/never changes once written/);
    await expect(rawSql(`UPDATE "PlaybookVersion" SET "status" = 'draft' WHERE "id" = ?`, v1.id)).rejects.toThrow(/never changes once written/);
    await expect(prisma.playbookVersion.update({ where: { id: v1.id }, data: { findings: "[]", warnings: 3 } })).rejects.toThrow();
    expect(await versionsOf("harassment_raid")).toEqual([v1, v2]);
    // A crisis that pinned version 1 finds it as it was, after version 2 is published.
    await publishVersion("harassment_raid", 2, admin);
    const pinned = await prisma.playbookVersion.findUniqueOrThrow({ where: { id: v1.id } });
    expect([pinned.source, pinned.compiled, pinned.hash]).toEqual([v1.source, v1.compiled, v1.hash]);
  });

  it("imports a new playbook from its text, and an existing one's text as its next draft", async () => {
    const lead = await userByEmail("lead@example.com");
    const drill = edit(edit(RAID, "key: harassment_raid", "key: raid_drill"), "title: Harassment raid", "title: Raid drill");
    expect(await saveDraft({ source: drill, via: "import" }, lead)).toEqual({ status: "ok", value: { key: "raid_drill", version: 1, created: true } });
    expect(await saveDraft({ source: withLongerPage(), via: "import" }, lead)).toEqual({ status: "ok", value: { key: "harassment_raid", version: 2, created: false } });
    expect(await prisma.playbook.findUniqueOrThrow({ where: { key: "raid_drill" } })).toMatchObject({ title: "Raid drill", publishedVersion: null });
    expect((await playbookAudit()).map((e) => [e.action, e.subjectId])).toEqual([
      ["playbook.created", "raid_drill"],
      ["playbook.imported", "harassment_raid"],
    ]);
  });

  it("exports a version's text as written, and records the export", async () => {
    const leadership = await userByEmail("leadership@example.com");
    expect(await exportVersion("harassment_raid", 1, leadership)).toEqual({ status: "ok", value: { filename: "harassment_raid-v1.yaml", source: RAID } });
    expect(await exportVersion("harassment_raid", 2, leadership)).toEqual({ status: "not_found", message: "There is no version 2 of harassment_raid." });
    expect(await exportVersion("harassment_raid", 1, await userByEmail("moderator@example.com"))).toEqual({ status: "forbidden", message: "You need the permission “read:playbook” to do this." });
    const [entry] = await playbookAudit();
    expect(entry).toMatchObject({ action: "playbook.exported", subjectId: "harassment_raid", actorLabel: "leadership@example.com", role: "leadership" });
    expect(JSON.parse(entry.after!)).toMatchObject({ version: 1, status: "published" });
  });
});
