import { can } from "~/utils/permissions";
import type { Values } from "../templates/template-render";

// Who may see who reported: the one place that decides it (decision 0016). A reporter's
// identity (their id on the platform, their handle, the contact they left) is shown only
// to people with `read:reporter-identity`, and to the reporter in a message addressed to
// them. Everything that shows a reporter, or fills a template's reporter variables for a
// preview, a proposal or the message log, asks here; nothing else reads those columns
// for display.

/** What stands for a reporter wherever the reader may not know who they are. */
export const REPORTER_HIDDEN = "(reporter hidden)";

/** How a reader sees reporters: with their identity, or with the placeholder. */
export type ReporterView = "shown" | "hidden";

/** A signed-in person's view of reporters. */
export function reporterViewFor(roles: readonly string[]): ReporterView {
  return can(roles, "read:reporter-identity") ? "shown" : "hidden";
}

/** A message delivered to a reporter may address them by name. */
export const RECIPIENT_VIEW: ReporterView = "shown";

/**
 * Texts Vigil keeps for its pages (the message log) are stored as anyone who may read
 * them sees them; the text as delivered stays with its delivery.
 */
export const STORED_VIEW: ReporterView = "hidden";

/** A report's identity columns, as stored. */
export type ReporterColumns = { reporterId: string | null; reporterHandle: string | null; reporterContact: string | null };
export type Reporter = { id: string | null; handle: string | null; contact: string | null };

/** The reporter of one report as `view` may see them; null when hidden. */
export function visibleReporter(report: ReporterColumns, view: ReporterView): Reporter | null {
  if (view !== "shown") return null;
  return { id: report.reporterId, handle: report.reporterHandle, contact: report.reporterContact };
}

/** How to name a report's reporter to `view`: handle, contact or id, or null when hidden or unknown. */
export function reporterName(report: ReporterColumns, view: ReporterView): string | null {
  const shown = visibleReporter(report, view);
  return shown ? shown.handle || shown.contact || shown.id || null : null;
}

/**
 * Every template variable about the reporter, and the column it comes from. A purpose
 * that offers a new `reporter.*` variable needs it here, or no template can use it.
 */
const REPORTER_VARIABLES = {
  "reporter.handle": (r: ReporterColumns) => r.reporterHandle,
} as const satisfies Record<`reporter.${string}`, (r: ReporterColumns) => string | null>;

export const REPORTER_VARIABLE_NAMES = Object.keys(REPORTER_VARIABLES);

/** The reporter variables of a template, as `view` may read them. */
export function reporterValues(report: ReporterColumns | undefined, view: ReporterView): Values {
  return Object.fromEntries(
    Object.entries(REPORTER_VARIABLES).map(([name, column]) => [name, view === "shown" ? ((report && column(report)) ?? "") : REPORTER_HIDDEN]),
  );
}
