import { action as sendAction } from "~/routes/cases.$ref_.messages";
import { sendEvent } from "../case-page/helpers";
import { reportSubject } from "../factories/cases";
import type { Browser } from "../http";
import { postForm, respond, routeArgs } from "../http";

// Cases and messages as the case page makes them: a member reports, a moderator acts,
// then sends a template from the composer.

export const REPORTER = { handle: "@zofia_reporter", contact: "zofia@example.org" };

/** A Polish post by @marek_k reported by Zofia, removed under "respect". */
export async function polishCaseRemoved(subjectId = "post-pl-1") {
  const c = await reportSubject({
    subject: { type: "content", id: subjectId, authorHandle: "@marek_k", text: "Jesteś idiotą.", language: "pl" },
    reporter: { handle: REPORTER.handle, contact: REPORTER.contact },
  });
  await sendEvent(c.id, "moderator@example.com", { type: "CLAIM" });
  await sendEvent(c.id, "moderator@example.com", { type: "ACT", action: "remove_content", ruleCode: "respect", reason: "Personal attack." });
  return c;
}

/** Sends a template from the case page's composer: `recipient` is a report ref or "author". */
export async function sendFromCase(browser: Browser, caseRef: string, recipient: string, templateKey: string, language = "") {
  const res = await respond(() => sendAction(routeArgs(postForm(`/cases/${caseRef}/messages`, { choice: `${recipient}|${templateKey}|${language}` }, browser), { ref: caseRef })));
  if (res.status !== 200) throw new Error(`sending ${templateKey} to ${recipient} answered ${res.status}: ${await res.text()}`);
}
