import type { Shortcut } from "~/components/shortcuts";
import type { CasePage } from "~/models/cases/case-view.server";
import type { PageEvent } from "~/forms/case-action";
import { fieldId, formId } from "./action-forms";

// The case page's keys, offered only for what the machine allows now. Keys that send
// something at once (claim, release, information received) do what their button does;
// keys for decisions only move focus to the form, so one stray key never acts, dismisses
// or approves a ban on its own.

const submit = (intent: PageEvent) => () => (document.getElementById(formId(intent)) as HTMLFormElement | null)?.requestSubmit();
const focus = (id: string) => () => document.getElementById(id)?.focus();

export function caseShortcuts(c: CasePage, goToQueue: () => void): Shortcut[] {
  const may = (event: PageEvent) => c.allowed.includes(event);
  const keys: (Shortcut | false)[] = [
    may("CLAIM") && { key: "c", description: c.holder?.you ? "Renew your claim" : "Claim the case", run: submit("CLAIM") },
    may("RELEASE") && { key: "r", description: "Release the case to the queue", run: submit("RELEASE") },
    may("ACT") && { key: "a", description: "Go to the act form (action, rule, reason)", run: focus(fieldId("ACT", "action")) },
    // Listed for the help only: the act form handles Shift+Enter itself (no key event is named this).
    may("ACT") && { key: "Shift+Enter", label: "Shift + Enter", description: "In the act form: act and go to the next case", run: () => {} },
    may("DISMISS") && { key: "d", description: "Go to the dismiss form", run: focus(fieldId("DISMISS", "reason")) },
    may("ESCALATE") && { key: "e", description: "Go to the escalate form", run: focus(fieldId("ESCALATE", "reason")) },
    may("REQUEST_INFO") && { key: "i", description: "Go to the request-information form", run: focus(fieldId("REQUEST_INFO", "reason")) },
    may("INFO_RECEIVED") && { key: "i", description: "Mark the information as received", run: submit("INFO_RECEIVED") },
    may("APPROVE") && { key: "p", description: "Go to the “Approve ban” button (Enter approves)", run: focus(fieldId("APPROVE", "submit")) },
    may("REJECT") && { key: "x", description: "Go to the reject-ban form", run: focus(fieldId("REJECT", "reason")) },
    may("REOPEN") && { key: "o", description: "Go to the reopen form", run: focus(fieldId("REOPEN", "reason")) },
    may("ASSIGN") && { key: "s", description: "Go to the assign form", run: focus(fieldId("ASSIGN", "assigneeId")) },
    { key: "q", label: "q or g q", description: "Back to the queue", run: goToQueue },
  ];
  return keys.filter((k): k is Shortcut => k !== false);
}
