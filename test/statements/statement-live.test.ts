import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { loader } from "~/routes/crises.$ref.events";
import { parseJsonAs } from "~/utils/json";
import { userByEmail } from "../factories/cases";
import { DEMO_CRISIS_REF, seedCrises } from "../factories/crises";
import { BASE_URL, loginAs, respond, routeArgs } from "../http";
import { seedWithPlaybooks } from "../playbooks/helpers";
import { declareDrill, drafted, moved } from "./statement-drill";

// A crisis's stream carries its statements' changes too, so an open statements panel (and
// the room, whose playbook they may move) follows what others do without a reload; another
// crisis's statements stay off it.

beforeEach(async () => {
  await seedWithPlaybooks();
  await seedCrises();
});

async function openStream(ref: string, email: string) {
  const controller = new AbortController();
  const request = new Request(new URL(`/crises/${ref}/events`, BASE_URL), { headers: { Cookie: (await loginAs(email)).cookie }, signal: controller.signal });
  const response = await respond(() => loader(routeArgs(request, { ref })));
  return { controller, response, reader: response.body!.getReader(), text: "" };
}

/** Reads the stream until `pattern` has arrived, or fails after a second without it. */
async function readUntil(stream: Awaited<ReturnType<typeof openStream>>, pattern: RegExp) {
  const decoder = new TextDecoder();
  const deadline = Date.now() + 1000;
  while (!pattern.test(stream.text)) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in: ${stream.text}`);
    const chunk = await Promise.race([stream.reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
    if (!chunk || chunk.done) throw new Error(`stream ended before ${pattern}: ${stream.text}`);
    stream.text += decoder.decode(chunk.value, { stream: true });
  }
  return stream.text;
}

const StatementChange = z.object({ ref: z.string(), crisisRef: z.string(), version: z.number(), state: z.string(), action: z.string(), by: z.string() });
const changes = (text: string) => [...text.matchAll(/event: statement\ndata: (.*)\n\n/g)].map((m) => parseJsonAs(StatementChange, m[1]));

describe("a crisis's stream", () => {
  it("tells a reader of each change to the crisis's statements, and of nothing of another crisis's", async () => {
    const comms = await userByEmail("comms@example.com");
    const other = await declareDrill();
    const stream = await openStream(DEMO_CRISIS_REF, "commander@example.com");
    expect(stream.response.headers.get("Content-Type")).toBe("text/event-stream; charset=utf-8");
    await readUntil(stream, /: connected\n\n/);

    await drafted(other.ref, "en", comms);
    const draft = await drafted(DEMO_CRISIS_REF, "en", comms);
    await readUntil(stream, /event: statement\ndata: .*"statement\.draft".*\n\n/);
    await moved(draft.ref, { type: "SUBMIT" }, comms);
    await readUntil(stream, /event: statement\ndata: .*"statement\.submit".*\n\n/);
    expect(changes(stream.text)).toEqual([
      { ref: draft.ref, crisisRef: DEMO_CRISIS_REF, version: 1, state: "drafted", action: "statement.draft", by: "comms@example.com" },
      { ref: draft.ref, crisisRef: DEMO_CRISIS_REF, version: 2, state: "submitted", action: "statement.submit", by: "comms@example.com" },
    ]);
    stream.controller.abort();
  });
});
