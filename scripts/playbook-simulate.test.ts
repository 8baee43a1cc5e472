// The rehearsal command as an author runs it: a seeded playbook and a scenario file in,
// the timeline and its ending out; unreadable input refused with exit code 2.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const run = (...args: string[]) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/playbook-simulate.ts", ...args], { cwd: root }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
const raid = "machines/playbook/library/harassment-raid.yaml";

describe("npm run playbook:simulate", () => {
  it("prints the timeline and where the crisis got stuck", async () => {
    const result = await run(raid, "--scenario", "machines/playbook/library/scenarios/nobody-approves-the-holding-statement.yaml");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Harassment raid (harassment_raid), rehearsed on a virtual clock; nobody was paged and nothing was sent.");
    expect(result.stdout).toContain("+12m      crisis responder 1 completes confirm_scope answering spreading");
    expect(result.stdout.trimEnd().split("\n").pop()).toBe("Stuck at approve_holding (“Approve the holding statement”) since +29m 30s.");
  });

  it("refuses facts the playbook is not for, and files it cannot read", async () => {
    expect(await run(raid, "--type", "data_leak")).toMatchObject({ code: 2, stderr: "the playbook is for harassment_raid, not data_leak\n" });
    expect(await run("machines/playbook/library/missing.yaml")).toMatchObject({ code: 2, stderr: "cannot read machines/playbook/library/missing.yaml\n" });
  });
});
