import type { QueueCounts, QueueFilters, QueueItem } from "~/models/queue/queue.server";
import type { ActiveCrisis } from "~/models/queue/queue-crisis-links.server";
import type { BulkResult, CaseWorker, DismissedCase } from "~/models/queue/queue-work.server";

// What the queue routes send to the page (dates as ISO strings).

type Deadlines = "firstResponseDueAt" | "firstRespondedAt" | "resolutionDueAt" | "slaPausedAt";
export type QueueCase = Omit<QueueItem, "createdAt" | "claimExpiresAt" | Deadlines> & { createdAt: string; claimExpiresAt: string | null } & {
  [K in Deadlines]: string | null;
};

export type QueueData = {
  filters: QueueFilters;
  /** The time the page was computed: ages are measured against it. */
  now: string;
  viewer: { id: string; email: string; canWork: boolean; canLink: boolean };
  cases: QueueCase[];
  next: string | null;
  counts: QueueCounts;
  ruleTitles: Record<string, string>;
  languageNames: Record<string, string>;
  /** The tiers cases can be on, for the tier filter. */
  tiers: { key: string; label: string }[];
  workers: Pick<CaseWorker, "id" | "name" | "email" | "senior">[];
  /** The active crises ticked cases can be linked to (for those who may link them). */
  crises: ActiveCrisis[];
};

export type ClaimReply = { intent: "claim"; status: BulkResult["status"] | "invalid"; message: string; ref: string | null };

export type BulkReply =
  | {
      intent: "dismiss_spam" | "assign" | "undo_dismiss" | "link_crisis";
      summary: string;
      results: BulkResult[];
      /** After dismissing: the cases an undo takes back, and until when. */
      undo?: { until: string; cases: DismissedCase[] } | null;
      error?: undefined;
      confirm?: undefined;
    }
  // Dismissing asks first: nothing has changed yet.
  | { intent: "dismiss_spam"; confirm: { cases: { caseId: string; version?: number; ref: string }[] }; error?: undefined; results?: undefined }
  | { intent: string | null; error: string; results?: undefined; confirm?: undefined };
