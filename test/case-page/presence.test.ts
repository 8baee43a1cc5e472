import { beforeEach, describe, expect, it } from "vitest";
import { resetPresence, viewersOf } from "~/models/cases/presence.server";
import { action } from "~/routes/cases.$ref.presence";
import { resetDb } from "../db";
import { reportSubject } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { loginAs, postForm, respond, routeArgs } from "../http";
import { prisma } from "~/utils/db.server";
import { caseRow, pageAs, sendEvent } from "./helpers";

const beat = (browser: Browser, ref: string, fields: Record<string, string> = {}, options: { csrf?: string | null } = {}) =>
  respond(() => action(routeArgs(postForm(`/cases/${ref}/presence`, fields, browser, options), { ref })));

describe("the case page's heartbeat", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    resetPresence();
  });

  it("keeps the viewer present and answers who else views the case; leaving ends it at once", async () => {
    const c = await reportSubject();
    const mo = await loginAs("moderator@example.com");
    const sen = await loginAs("senior@example.com");
    await pageAs(sen, c.ref);
    const res = await beat(mo, c.ref);
    expect(res.status).toBe(200);
    expect((await res.json()).viewers).toEqual([{ id: sen.user.id, name: "Sen Senior" }]);
    expect((await viewersOf([c.ref]))[c.ref].map((v) => v.name)).toEqual(["Mo Moderator", "Sen Senior"]);

    expect((await beat(sen, c.ref, { intent: "leave" })).status).toBe(200);
    expect((await (await beat(mo, c.ref)).json()).viewers).toEqual([]);
  });

  it("answers the case's newest change, as the live stream told it, for a page whose stream opened after it", async () => {
    const c = await reportSubject({ reporter: { id: "member-4411", handle: "@whistle", contact: "whistle@example.org" } });
    const mo = await loginAs("moderator@example.com");
    const opened = (await (await beat(mo, c.ref)).json()).latest;
    expect(opened).toMatchObject({ ref: c.ref, state: "new", version: c.version, action: "case.created" });

    // Someone else claims it: the heartbeat answers that.
    await sendEvent(c.id, "senior@example.com", { type: "CLAIM" });
    const claimed = await caseRow(c.ref);
    expect((await (await beat(mo, c.ref)).json()).latest).toEqual({
      caseId: c.id,
      ref: c.ref,
      state: claimed.state,
      version: claimed.version,
      assigneeId: claimed.assigneeId,
      action: "case.claim",
      by: "senior@example.com",
      at: expect.any(String),
    });
    // Nothing of a reporter in it.
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    const answer = JSON.stringify(await (await beat(mo, c.ref)).json());
    const secrets = [report.reporterId, report.reporterHandle, report.reporterContact];
    expect(secrets).toEqual(["member-4411", "@whistle", "whistle@example.org"]);
    for (const secret of secrets) expect(answer).not.toContain(secret);
  });

  it("needs the form's CSRF token and an existing case", async () => {
    const c = await reportSubject();
    const mo = await loginAs("moderator@example.com");
    expect((await beat(mo, c.ref, {}, { csrf: null })).status).toBe(403);
    expect((await beat(mo, "C-22222222")).status).toBe(404);
    expect(await viewersOf([c.ref, "C-22222222"])).toEqual({});
  });
});
