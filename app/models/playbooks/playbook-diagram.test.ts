import { describe, expect, it } from "vitest";
import { edit } from "@machines/playbook/testing/broken";
import { DRILL, libraryText, parsed } from "@machines/playbook/testing/fixtures";
import { layoutDiagram } from "~/utils/diagram-layout.server";
import { playbookStatechart } from "./playbook-diagram";

// A playbook drawn for people: steps by title with who acts, branches and deadlines in words.

describe("a playbook's diagram", () => {
  it("draws a deadline that moves the crisis as a dashed arrow with its duration, and one that pages as a note on the step", () => {
    const text = edit(DRILL, ["onDue: { handTo: crisis_commander }", "onDue: { goto: holding }"], ["        onReject: holding\n", "        onReject: holding\n        due: 1h\n        onDue: { page: [trust_safety_lead] }\n"]);
    const diagram = playbookStatechart(parsed(text), "Drill");
    expect(diagram.edges.filter((e) => e.style === "deadline")).toEqual([expect.objectContaining({ source: "triage", target: "holding", label: "after 15m" })]);
    expect(diagram.nodes.flatMap((n) => n.children ?? []).find((n) => n.id === "approve")?.note).toBe("crisis commander or comms lead (2 people) · due 1h, then page trust & safety lead");
  });

  it("names every step and branch in words, never the machine's guard names, and lays out with every arrow between drawn states", async () => {
    const raid = parsed(libraryText("harassment-raid"));
    const diagram = playbookStatechart(raid, "Harassment raid");
    const words = [...diagram.edges.map((e) => e.label)].join(" | ");
    expect(words).toContain("“Confirm the raid's scope” answered spreading");
    expect(words).toContain("linked cases are at least 20");
    expect(words).not.toMatch(/#\d|can[A-Z]|isAt/);
    const layout = await layoutDiagram(diagram);
    expect(layout.nodes.filter((n) => !n.container).map((n) => n.label)).toEqual(expect.arrayContaining(["Crisis declared", "Page the crisis commander", "Complete the post-raid review", "Review completed"]));
    expect(layout.edges.every((e) => e.points.length >= 2)).toBe(true);
  });

  it("marks where a rehearsal ended and what it passed", () => {
    const diagram = playbookStatechart(parsed(DRILL), "Drill", { current: ["approve"], done: ["triage", "holding"] });
    const status = Object.fromEntries(diagram.nodes.flatMap((n) => [n, ...(n.children ?? [])]).map((n) => [n.id, n.status]));
    expect(status).toMatchObject({ triage: "done", holding: "done", approve: "current", publish: "idle" });
    expect(diagram.title).toBe("Drill; the rehearsal ended at Approve the holding statement");
  });
});
