import type { QueueCounts, QueueFilters, QueueItem } from "~/models/queue.server";
import type { BulkResult, CaseWorker } from "~/models/queue-work.server";

// What the queue routes send to the page (dates as ISO strings).

type Deadlines = "firstResponseDueAt" | "firstRespondedAt" | "resolutionDueAt" | "slaPausedAt";
export type QueueCase = Omit<QueueItem, "createdAt" | "claimExpiresAt" | Deadlines> & { createdAt: string; claimExpiresAt: string | null } & {
  [K in Deadlines]: string | null;
};

export type QueueData = {
  filters: QueueFilters;
  /** The time the page was computed: ages are measured against it. */
  now: string;
  viewer: { id: string; email: string; canWork: boolean };
  cases: QueueCase[];
  next: string | null;
  counts: QueueCounts;
  ruleTitles: Record<string, string>;
  languageNames: Record<string, string>;
  /** The tiers cases can be on, for the tier filter. */
  tiers: { key: string; label: string }[];
  workers: Pick<CaseWorker, "id" | "name" | "email" | "senior">[];
};

export type ClaimReply = { intent: "claim"; status: BulkResult["status"] | "invalid"; message: string; ref: string | null };

export type BulkReply =
  | { intent: "dismiss_spam" | "assign"; summary: string; results: BulkResult[]; error?: undefined }
  | { intent: string | null; error: string; results?: undefined };
