// Effects in words: the lines of a timeline a person reads. Shared by the simulator and
// (later) the live crisis room, so a rehearsal and the real thing read the same.
import { formatDuration, formatOffset } from "../durations";
import type { Playbook, Step } from "../format";
import { REVIEW } from "../format";
import type { PlaybookEffect, PlaybookEvent } from "../types";

export interface TimelineEntry {
  /** Milliseconds from the crisis's start. */
  at: number;
  /** What happened: who did what, or which timer fell due. */
  cause: string;
  /** What it led to, one sentence each. */
  lines: string[];
  /** The steps the crisis stands at afterwards. */
  active: string[];
  effects: PlaybookEffect[];
  /** The event the machine took here (none for the start, or when nothing happened): what a live run replays. */
  event?: PlaybookEvent;
}

const SPECIAL_LABELS: Record<string, string> = { trust_safety_lead: "trust & safety lead" };
export const roleLabel = (role: string) => SPECIAL_LABELS[role] ?? role.replace(/_/g, " ");
/** Simulated people are "<role>#<n>": "crisis commander 1". */
export const personLabel = (id: string) => {
  const [role, n] = id.split("#");
  return n ? `${roleLabel(role)} ${n}` : id;
};
const roles = (list: readonly string[]) => list.map(roleLabel).join(" or ");

export function describeEffects(playbook: Playbook, steps: ReadonlyMap<string, Step>, at: number, effects: readonly PlaybookEffect[]): string[] {
  const title = (id: string) => (id === REVIEW ? playbook.review.title : (steps.get(id)?.title ?? id));
  const dueOf = (step: string) => {
    const timer = effects.find((e) => e.type === "timer.schedule" && e.step === step && e.purpose === "deadline");
    return timer?.type === "timer.schedule" ? ` (due ${formatOffset(at + timer.delayMs)})` : "";
  };
  const lines: string[] = [];
  for (const e of effects) {
    switch (e.type) {
      case "phase.entered":
        lines.push(`Phase “${playbook.phases.find((p) => p.id === e.phase)?.title ?? e.phase}” begins`);
        break;
      case "page":
        lines.push(e.reason === "step" ? `Paged ${roles(e.roles)}: “${title(e.step)}”${dueOf(e.step)}` : `Paged ${roles(e.roles)} about “${title(e.step)}”`);
        break;
      case "task.create":
        lines.push(`Task for ${roleLabel(e.role)}: “${title(e.step)}”${dueOf(e.step)}`);
        break;
      case "task.done":
        lines.push(`${personLabel(e.by)} completed “${title(e.step)}”${e.answer ? ` (answer: ${e.answer})` : ""}`);
        break;
      case "task.reassign":
        lines.push(`“${title(e.step)}” handed to ${roleLabel(e.role)}`);
        break;
      case "statement.draft":
        lines.push(`Statement for ${roleLabel(e.role)} to draft: “${title(e.step)}” (${e.purpose}; ${e.audiences.join(", ")}; ${e.channels.join(", ")}; ${e.languages.join(", ")})${dueOf(e.step)}`);
        break;
      case "statement.drafted":
        lines.push(`${personLabel(e.by)} drafted ${e.statement}`);
        break;
      case "approval.request": {
        const what = e.statements.length > 0 ? e.statements.join(", ") : `“${title(e.step)}”`;
        lines.push(`Awaiting approval of ${what} from ${roles(e.roles)} (${e.count} needed)${dueOf(e.step)}`);
        break;
      }
      case "approval.given":
        lines.push(`${personLabel(e.by)} approved at “${title(e.step)}”${e.remaining > 0 ? ` (${e.remaining} more needed)` : ""}`);
        break;
      case "approval.rejected":
        lines.push(`${personLabel(e.by)} rejected at “${title(e.step)}”${e.statements.length > 0 ? `: ${e.statements.join(", ")} goes back` : ""}`);
        break;
      case "statement.approved":
        lines.push(`${e.statement} approved`);
        break;
      case "publish.request":
        lines.push(`Statement ${e.statement} for ${roleLabel(e.role)} to publish: “${title(e.step)}”`);
        break;
      case "statement.publish":
        lines.push(`Published ${e.statement} on ${e.channels.join(", ")} in ${e.languages.length} language${e.languages.length === 1 ? "" : "s"} (${e.languages.join(", ")})`);
        break;
      case "statement.withheld":
        lines.push(`Withheld ${e.statement}: it was not approved, so nothing went out`);
        break;
      case "deadline.passed": {
        const then = "page" in e.then ? `paged ${roles(e.then.page)}` : "handTo" in e.then ? `handed to ${roleLabel(e.then.handTo)}` : `moved to “${title(e.then.goto)}”`;
        lines.push(`Deadline of “${title(e.step)}” passed (${formatDuration(e.dueMs)}): ${then}`);
        break;
      }
      case "timer.schedule":
        if (e.purpose === "wait") lines.push(`Waiting ${formatDuration(e.delayMs)} (until ${formatOffset(at + e.delayMs)}): “${title(e.step)}”`);
        break;
      case "crisis.resolved":
        lines.push("Crisis resolved");
        break;
      case "review.completed":
        lines.push(`Review completed by ${personLabel(e.by)}`);
        break;
      case "step.entered":
      case "timer.cancel":
        break;
    }
  }
  return lines;
}

/** The timeline as text: one block per moment, its lines indented, then where the crisis stands. */
export function formatTimeline(entries: readonly TimelineEntry[]): string {
  return entries
    .map((entry) => {
      const head = `${formatOffset(entry.at).padEnd(10)}${entry.cause}`;
      const now = entry.active.length > 0 ? `now at: ${entry.active.join(", ")}` : "finished";
      return [head, ...entry.lines.map((l) => `${" ".repeat(12)}${l}`), `${" ".repeat(12)}${now}`].join("\n");
    })
    .join("\n");
}
