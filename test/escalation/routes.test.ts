import { beforeEach, describe, expect, it } from "vitest";
import { action as inboxAction, loader as inboxLoader } from "~/routes/inbox";
import { loader as policyLoader } from "~/routes/admin.escalation";
import { action as webhooksAction, loader as webhooksLoader } from "~/routes/admin.webhooks";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

describe("escalation routes", () => {
  it("let a crisis commander acknowledge a page from the inbox, and refuse someone not on the tier", async () => {
    const c = await reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: "post-r-1", text: "…" } });
    const commander = await loginAs("commander@example.com");
    const inbox = (await (await respond(() => inboxLoader(routeArgs(getRequest("/inbox", commander))))).json()) as { items: { id: string; kind: string; caseRef: string }[] };
    expect(inbox.items).toMatchObject([{ kind: "paged", caseRef: c.ref }]);

    const senior = await loginAs("senior@example.com");
    expect(await prisma.notification.count({ where: { userId: senior.user.id } })).toBe(0);

    const res = await respond(() => inboxAction(routeArgs(postForm("/inbox", { intent: "acknowledge", id: inbox.items[0].id }, commander))));
    expect(res.status).toBe(302);
    expect(decodeURIComponent(res.headers.get("Location") ?? "")).toBe(`/cases/${c.ref}?escalation=You acknowledged the escalation.`);
    expect(await prisma.caseEscalation.findUniqueOrThrow({ where: { caseId: c.id } })).toMatchObject({ state: "acknowledged", acknowledgedById: commander.user.id });
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: inbox.items[0].id } })).readAt).not.toBeNull();
  });

  it("keep the policy and webhook pages to admins, and add a webhook", async () => {
    const moderator = await loginAs("moderator@example.com");
    expect((await respond(() => policyLoader(routeArgs(getRequest("/admin/escalation", moderator))))).status).toBe(403);
    expect((await respond(() => webhooksLoader(routeArgs(getRequest("/admin/webhooks", moderator))))).status).toBe(403);

    const admin = await loginAs("admin@example.com");
    const hook = await respond(() =>
      webhooksAction(routeArgs(postForm("/admin/webhooks", { intent: "create", name: "Slack", url: "https://hooks.example/x", events: ["page"] }, admin))),
    );
    expect(hook.status).toBe(201);
    expect(await prisma.webhook.findFirstOrThrow()).toMatchObject({ name: "Slack", events: '["page"]', active: true });
  });
});
