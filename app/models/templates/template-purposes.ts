// What a response template is for, who receives it, on which channels, and the
// variables each purpose provides. Lint and rendering check templates against this.

export const CHANNELS = ["in_app", "email", "public_post"] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = { in_app: "In-app", email: "Email", public_post: "Public post" };
/** The most characters a rendered message may have on each channel. */
export const CHANNEL_LIMITS: Record<Channel, number> = { in_app: 1000, email: 5000, public_post: 280 };

/** reporter: the member who reported; author: the reported content's author; public: everyone. */
export type Audience = "reporter" | "author" | "public";

type PurposeSpec = {
  label: string;
  audience: Audience;
  channels: readonly Channel[];
  /** Variables the purpose provides; a template may use only these. */
  variables: readonly string[];
  /** Variables every variant must use. */
  required: readonly string[];
};

const direct = ["in_app", "email"] as const;
/** A crisis's statements: the status page and social post, and members directly (decision 24). */
const statement = ["public_post", "email", "in_app"] as const;

export const PURPOSES = {
  acknowledge_reporter: { label: "Acknowledge reporter", audience: "reporter", channels: direct, variables: ["reporter.handle", "case.ref", "rule.title"], required: ["case.ref"] },
  outcome_reporter: { label: "Outcome to reporter", audience: "reporter", channels: direct, variables: ["reporter.handle", "case.ref", "rule.title", "outcome.label"], required: ["case.ref", "outcome.label"] },
  content_removed: { label: "Content removed", audience: "author", channels: direct, variables: ["author.handle", "case.ref", "rule.title"], required: ["rule.title"] },
  warning: { label: "Warning", audience: "author", channels: direct, variables: ["author.handle", "case.ref", "rule.title", "strike.count"], required: ["rule.title"] },
  mute: { label: "Mute", audience: "author", channels: direct, variables: ["author.handle", "case.ref", "rule.title"], required: ["rule.title"] },
  suspension: { label: "Suspension", audience: "author", channels: direct, variables: ["author.handle", "case.ref", "rule.title"], required: ["rule.title"] },
  ban: { label: "Ban", audience: "author", channels: direct, variables: ["author.handle", "case.ref", "rule.title"], required: ["rule.title"] },
  appeal_outcome: { label: "Appeal outcome", audience: "author", channels: direct, variables: ["author.handle", "case.ref", "outcome.label"], required: ["case.ref", "outcome.label"] },
  thank_you: { label: "Thank you", audience: "reporter", channels: direct, variables: ["reporter.handle", "case.ref"], required: [] },
  apology: { label: "Apology", audience: "reporter", channels: direct, variables: ["reporter.handle", "case.ref"], required: ["case.ref"] },
  support: { label: "Support", audience: "reporter", channels: direct, variables: ["reporter.handle", "case.ref", "support.url"], required: ["support.url"] },
  holding_statement: { label: "Holding statement", audience: "public", channels: statement, variables: ["community.name", "incident.title"], required: ["incident.title"] },
  status_update: { label: "Status update", audience: "public", channels: statement, variables: ["community.name", "incident.title", "update.count"], required: ["incident.title"] },
  resolution_statement: { label: "Resolution statement", audience: "public", channels: statement, variables: ["community.name", "incident.title"], required: ["incident.title"] },
} as const satisfies Record<string, PurposeSpec>;

export type Purpose = keyof typeof PURPOSES;
export const PURPOSE_KEYS = Object.keys(PURPOSES) as Purpose[];

export function isPurpose(value: string): value is Purpose {
  return Object.hasOwn(PURPOSES, value);
}
export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/** Sample values for previews: one for every variable any purpose provides. */
export const SAMPLE_VALUES: Record<string, string | number> = {
  "reporter.handle": "@river",
  "author.handle": "@author",
  "case.ref": "C-7Q2M9K",
  "rule.title": "Respectful communication",
  "outcome.label": "content removed",
  "strike.count": 2,
  "support.url": "https://support.example.com",
  "community.name": "the community",
  "incident.title": "service disruption",
  "update.count": 3,
};

/** Languages Vigil's seeded templates come in. */
export const TEMPLATE_LANGUAGES = ["en", "pl", "it", "lv", "zh"] as const;
