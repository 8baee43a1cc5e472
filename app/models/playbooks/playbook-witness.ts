import type { Playbook, WitnessEvent } from "@machines/playbook";
import { REVIEW } from "@machines/playbook";
import { allSteps } from "@machines/playbook/conditions";
import { roleName } from "./playbook-words";

// A witness (the shortest way from the start to a problem) as sentences a person reads:
// steps by their titles and roles by their names, where the verifier writes their ids.

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function witnessWords(events: readonly WitnessEvent[], playbook: Playbook | null): string[] {
  const titles = new Map<string, string>(playbook ? allSteps(playbook).map((s) => [s.id, s.title]) : []);
  const step = (id: string | undefined) => (id === REVIEW ? "the post-crisis review" : id && titles.has(id) ? `“${titles.get(id)}”` : (id ?? "a step"));
  const who = (role: string | undefined) => (role ? `the ${roleName(role).toLowerCase()}` : "someone");
  const duration = (text: string) => /\(([^)]+)\)\s*$/.exec(text)?.[1];
  return events.map((e) => {
    switch (e.type) {
      case "COMPLETE":
        return sentence(`${who(e.role)} completes ${step(e.step)}${e.answer !== undefined ? `, answering ${e.answer}` : ""}`);
      case "DRAFT":
        return sentence(`${who(e.role)} drafts ${step(e.step)}`);
      case "APPROVE": {
        const nth = /\((\d+ of \d+)\)/.exec(e.text)?.[1];
        return sentence(`${who(e.role)} approves ${step(e.step)}${nth ? ` (${nth} approvals)` : ""}`);
      }
      case "REJECT":
        return sentence(`${who(e.role)} rejects ${step(e.step)}`);
      case "PUBLISH":
        return sentence(`${who(e.role)} publishes the statement of ${step(e.step)}`);
      case "ACKNOWLEDGE":
        return sentence(`${who(e.role)} acknowledges the page ${step(e.step)}`);
      case "TIMER": {
        const d = duration(e.text);
        return e.text.startsWith("the wait") ? `The wait ${step(e.step)} ends${d ? ` (${d})` : ""}` : `The deadline of ${step(e.step)} passes${d ? ` (${d})` : ""}`;
      }
      case "FACTS":
        return sentence(e.text);
    }
  });
}
