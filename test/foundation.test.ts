import { beforeEach, describe, expect, it } from "vitest";
import { loader as health } from "~/routes/healthz";
import { appendAudit } from "~/models/audit.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "./db";

describe("health and audit basics", () => {
  beforeEach(resetDb);

  it("answers 200 {ok:true} when the database answers", async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("chains audit entries from the genesis hash", async () => {
    const a = await prisma.$transaction((tx) =>
      appendAudit(tx, { actor: { kind: "system", name: "test" }, action: "test.one", subjectType: "test", subjectId: "1" }),
    );
    const b = await prisma.$transaction((tx) =>
      appendAudit(tx, { actor: { kind: "system", name: "test" }, action: "test.two", subjectType: "test", subjectId: "2" }),
    );
    expect(a.seq).toBe(1);
    expect(b.seq).toBe(2);
    expect(b.prevHash).toBe(a.hash);
  });
});
