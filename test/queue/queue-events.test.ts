import { beforeEach, describe, expect, it } from "vitest";
import { resetPresence, touchPresence } from "~/models/cases/presence.server";
import { loader } from "~/routes/queue.events";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { BASE_URL, getRequest, loginAs, respond, routeArgs } from "../http";
import { act, openCase } from "./helpers";

function openStream(browser: Browser) {
  const controller = new AbortController();
  const request = new Request(new URL("/queue/events", BASE_URL), { headers: { Cookie: browser.cookie }, signal: controller.signal });
  return { controller, response: respond(() => loader(routeArgs(request))) };
}

/** Reads the stream until `pattern` has arrived, or fails after a second. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp, sofar = { text: "" }) {
  const decoder = new TextDecoder();
  const deadline = Date.now() + 1000;
  while (!pattern.test(sofar.text)) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in: ${sofar.text}`);
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
    if (!chunk || chunk.done) throw new Error(`stream ended before ${pattern}: ${sofar.text}`);
    sofar.text += decoder.decode(chunk.value, { stream: true });
  }
  return sofar.text;
}

const listeners = () => globalThis.__vigilLive?.listenerCount("change") ?? 0;

describe("/queue/events", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    resetPresence();
  });

  it("streams case changes to a moderator, then stops listening when the browser goes away", async () => {
    const c = await openCase();
    const before = listeners();
    const { controller, response } = openStream(await loginAs("moderator@example.com"));
    const res = await response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toContain("no-cache");
    const reader = res.body!.getReader();
    await readUntil(reader, /: connected\n\n/);
    expect(listeners()).toBe(before + 1);

    await act(c.id, "senior@example.com", { type: "CLAIM" });
    const text = await readUntil(reader, /event: case\ndata: .*\n\n/);
    const data = JSON.parse(/event: case\ndata: (.*)\n\n/.exec(text)![1]);
    const senior = await prisma.user.findUniqueOrThrow({ where: { email: "senior@example.com" } });
    expect(data).toMatchObject({ caseId: c.id, ref: c.ref, state: "in_review", action: "case.claim", by: "senior@example.com", assigneeId: senior.id });

    controller.abort();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect(listeners()).toBe(before);
  });

  it("streams who is viewing a case", async () => {
    const { controller, response } = openStream(await loginAs("moderator@example.com"));
    const reader = (await response).body!.getReader();
    await readUntil(reader, /: connected/);
    await touchPresence("C-23456789", { id: "u1", name: "Lee Lead" });
    const text = await readUntil(reader, /event: presence\ndata: .*\n\n/);
    expect(JSON.parse(/event: presence\ndata: (.*)\n\n/.exec(text)![1])).toEqual({ caseRef: "C-23456789", viewers: [{ id: "u1", name: "Lee Lead" }] });
    controller.abort();
  });

  it("sends a visitor who is not signed in to the login page", async () => {
    const res = await respond(() => loader(routeArgs(getRequest("/queue/events"))));
    expect(res.status).toBe(302);
  });
});
