import type { Channel, Purpose } from "../templates/template-purposes";
import { CHANNEL_LABELS } from "../templates/template-purposes";

// The statement matrix's words (docs/decisions/0024): the stages of a crisis's
// communication, each drafted from one template purpose; the audiences a statement
// addresses; the channels it goes out on; and each cell's state at a glance.

export const STAGES = {
  holding: { label: "Holding statement", purpose: "holding_statement" },
  update: { label: "Update", purpose: "status_update" },
  resolution: { label: "Resolution", purpose: "resolution_statement" },
} as const satisfies Record<string, { label: string; purpose: Purpose }>;
export type Stage = keyof typeof STAGES;
export const STAGE_KEYS = Object.keys(STAGES) as Stage[];
export const isStage = (value: string): value is Stage => Object.hasOwn(STAGES, value);

/** The stage a playbook's statement step belongs to, by its purpose. */
export function stageOfPurpose(purpose: string): Stage | null {
  return STAGE_KEYS.find((stage) => STAGES[stage].purpose === purpose) ?? null;
}

export const AUDIENCES = {
  public: "Everyone (public)",
  members: "Members",
  affected_members: "Affected members",
  press: "Press",
  partners: "Partners",
  internal: "Internal and leadership",
} as const;
export type StatementAudience = keyof typeof AUDIENCES;
export const AUDIENCE_KEYS = Object.keys(AUDIENCES) as StatementAudience[];
export const audienceLabel = (audience: string) => (AUDIENCES as Record<string, string>)[audience] ?? audience.replace(/_/g, " ");

/** public_post is both the public status page and the social post the `statement.published` webhook carries. */
export const STATEMENT_CHANNEL_LABELS: Record<Channel, string> = { ...CHANNEL_LABELS, public_post: "Status page and social post" };

/** Audiences whose published update keeps the crisis's promise of the next one. */
const CADENCE_AUDIENCES: readonly string[] = ["members", "affected_members", "public"];

/** Whether a published statement keeps the cadence's promise (and promises the next): a holding statement or update for one of those audiences. */
export const keepsCadence = (stage: string | undefined, audience: string | undefined) => (stage === "holding" || stage === "update") && CADENCE_AUDIENCES.includes(audience ?? "");

/** Audiences the public status page shows (public_post cells only). */
export const STATUS_PAGE_AUDIENCES: readonly string[] = ["public", "members", "affected_members"];

export const CELL_STATES = {
  missing: "Missing",
  draft: "Draft",
  awaiting: "Awaiting approval",
  approved: "Approved",
  published: "Published",
  stale: "Stale: a newer update went out",
} as const;
export type CellState = keyof typeof CELL_STATES;

/** A statement's stored state as the matrix shows it. */
export function cellStateOf(state: string, stale: boolean): CellState {
  if (state === "published" || state === "superseded") return stale ? "stale" : "published";
  if (state === "submitted") return "awaiting";
  if (state === "approved") return "approved";
  return "draft";
}
