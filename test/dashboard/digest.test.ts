import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DigestPayload } from "~/models/dashboard/digest.server";
import { lastWholeWeek, sendDueDigest } from "~/models/dashboard/digest.server";
import { loadDashboard } from "~/models/dashboard/dashboard.server";
import { createWebhook } from "~/models/messages/webhooks.server";
import { action as webhooksAction } from "~/routes/admin.webhooks";
import { createWebhookDelivery } from "~/services/webhook-delivery.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import { closeReceivers, receiver, signedWith } from "../escalation/receiver";
import { loginAs, postForm, respond, routeArgs } from "../http";

// The weekly digest: last week's headline figures, once, to the webhooks an admin
// subscribed to it, signed and through the outbox like every webhook.

const SECRET = "whsec_digest_secret";
// A Monday morning; last week is Monday 2026-03-02 to Sunday 2026-03-08.
const MONDAY = new Date("2026-03-09T07:30:00.000Z");

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});
afterEach(closeReceivers);

async function hook(url: string, events: ("page" | "breach" | "digest")[]) {
  return createWebhook({ name: `Chat ${events.join("+")}`, url, events, secret: SECRET }, await userByEmail("admin@example.com"));
}

describe("the weekly digest", () => {
  it("covers the last whole week, Monday to Sunday, whatever day it is", () => {
    expect(lastWholeWeek(MONDAY)).toEqual({ from: "2026-03-02", to: "2026-03-08" });
    expect(lastWholeWeek(new Date("2026-03-08T23:59:59.999Z"))).toEqual({ from: "2026-02-23", to: "2026-03-01" });
    expect(lastWholeWeek(new Date("2026-03-11T12:00:00.000Z"))).toEqual({ from: "2026-03-02", to: "2026-03-08" });
  });

  it("goes nowhere until an admin subscribes a webhook to it", async () => {
    const { url } = await receiver([]);
    await hook(url, ["page", "breach"]);
    expect(await sendDueDigest(MONDAY)).toBeNull();
    expect(await prisma.dashboardDigest.count()).toBe(0);
    expect(await prisma.outboxMessage.count()).toBe(0);
  });

  it("posts last week's figures once, signed, to each subscribed webhook, in words Slack and Discord show", async () => {
    const { url, received } = await receiver([200]);
    await hook(url, ["digest"]);
    await hook(`${url}/pages-only`, ["page"]);
    // Three reports last week (Wednesday), one the week before.
    for (const [i, day] of ["2026-03-04", "2026-03-04", "2026-03-04", "2026-02-25"].entries()) {
      const c = await reportSubject({ subjectId: `post-digest-${i}` });
      await prisma.report.updateMany({ where: { caseId: c.id }, data: { receivedAt: new Date(`${day}T10:00:00Z`) } });
    }

    expect(await sendDueDigest(MONDAY)).toEqual({ week: "2026-03-02", webhooks: 1 });
    // Looked at again by this or another instance, the same week is not sent twice.
    expect(await Promise.all([sendDueDigest(MONDAY), sendDueDigest(new Date("2026-03-15T23:00:00Z"))])).toEqual([null, null]);
    expect(await prisma.outboxMessage.count({ where: { kind: "webhook.digest" } })).toBe(1);
    expect(await prisma.auditEntry.count({ where: { action: "dashboard.digest_sent", subjectId: "2026-03-02" } })).toBe(1);

    expect(await createWebhookDelivery({ instanceId: "digest" }).tick()).toBe(1);
    expect(received).toHaveLength(1);
    expect(signedWith(SECRET, received[0])).toBe(true);
    expect(received[0].headers["x-vigil-event"]).toBe("webhook.digest");
    const body = JSON.parse(received[0].body) as DigestPayload;
    expect(body.content).toBe(body.text);
    expect(body.text.split("\n")[0]).toBe("Vigil weekly digest, 2026-03-02 to 2026-03-08 (UTC), against the week before:");
    expect(body.text).toContain("• Reports received: 3 (+2 (+200 %); the week before: 1)");
    expect(body.vigil.week).toEqual({ from: "2026-03-02", to: "2026-03-08" });
    // The same figures as the dashboard shows for those dates.
    const view = await loadDashboard(new URLSearchParams({ period: "dates", from: "2026-03-02", to: "2026-03-08" }), { workload: false }, MONDAY);
    expect(body.vigil.figures).toEqual(view.figures.map(({ key, label, value, previous, change }) => ({ key, label, value, previous, change })));
    // Nothing about people: the digest carries no workload.
    expect(body.text).not.toMatch(/Moderator|Mo |Sen /);
  });

  it("is switched on from the webhooks page, like any other event", async () => {
    const admin = await loginAs("admin@example.com");
    const res = await respond(() => webhooksAction(routeArgs(postForm("/admin/webhooks", { intent: "create", name: "Leadership channel", url: "https://chat.example/hooks/leaders", events: ["digest"] }, admin))));
    expect(res.status).toBeLessThan(400);
    const saved = await prisma.webhook.findFirstOrThrow({ where: { name: "Leadership channel" } });
    expect(JSON.parse(saved.events)).toEqual(["digest"]);
  });
});
