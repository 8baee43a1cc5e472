import type { CasePage } from "~/models/cases/case-view.server";
import type { CaseEventBody } from "~/models/cases/case-events.server";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { action, loader } from "~/routes/cases.$ref";
import { prisma } from "~/utils/db.server";
import { userByEmail } from "../factories/cases";
import type { Browser, FormFields } from "../http";
import { getRequest, postForm, respond, routeArgs } from "../http";

// The case page as a browser uses it: GET the page's data, POST one of its forms.

export async function pageAs(browser: Browser, ref: string): Promise<CasePage> {
  const res = await respond(() => loader(routeArgs(getRequest(`/cases/${ref}`, browser), { ref })));
  if (res.status !== 200) throw new Error(`GET /cases/${ref} answered ${res.status}`);
  return (await res.json()) as CasePage;
}

/** Posts a form of the page; `version` defaults to the case's current version. */
export async function submit(browser: Browser, ref: string, fields: FormFields, options: { csrf?: string | null } = {}) {
  const current = await prisma.case.findUniqueOrThrow({ where: { ref } });
  const body = { version: String(current.version), ...fields };
  return respond(() => action(routeArgs(postForm(`/cases/${ref}`, body, browser, options), { ref })));
}

/** Sends an event straight through the write path (another tab, another person), failing unless applied. */
export async function sendEvent(caseId: string, email: string, event: CaseEventBody) {
  const outcome = await applyCaseEvent({ caseId, event, actor: await userByEmail(email) });
  if (outcome.status !== "applied") throw new Error(`${event.type} by ${email}: ${outcome.status}`);
  return outcome;
}

export const caseRow = (ref: string) => prisma.case.findUniqueOrThrow({ where: { ref } });
