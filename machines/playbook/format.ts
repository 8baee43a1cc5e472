// The playbook format: one zod schema for what an admin writes (as YAML) and Vigil stores
// (as JSON). Structure only; whether roles, targets and languages exist, and whether the
// plan is sound, is the verifier's business, so that it can name each problem's line.
import { z } from "zod";
import { DURATION_PATTERN } from "./durations";

/** Least to most severe. A playbook names the levels it is written for. */
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Step ids Vigil gives the fixed ending: the crisis is resolved, then its review completed. */
export const RESOLVED = "resolved";
export const REVIEW = "review";
export const REVIEWED = "reviewed";
export const RESERVED_IDS = [RESOLVED, REVIEW, REVIEWED] as const;

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "use lower-case letters, digits and _, starting with a letter");
const duration = z.string().regex(DURATION_PATTERN, "write a duration such as 15m, 2h, 1d or 1h30m");
const text = z.string().trim().min(1);
const oneOrMore = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

/** What happens when a step's deadline passes: page roles, hand the step on, or move elsewhere. */
export const DeadlineAction = z.union([
  z.strictObject({ page: z.array(z.string()) }),
  z.strictObject({ handTo: z.string() }),
  z.strictObject({ goto: z.string() }),
]);
export type DeadlineAction = z.infer<typeof DeadlineAction>;

const deadline = { due: duration.optional(), onDue: DeadlineAction.optional() };
const common = { id, title: text, next: z.string().optional() };

/** A condition on the crisis's facts or a task's answer; every key given must hold. */
export const Condition = z
  .strictObject({
    type: oneOrMore(z.string()).optional(),
    severity: z.union([z.strictObject({ atLeast: z.enum(SEVERITIES) }), z.strictObject({ is: oneOrMore(z.enum(SEVERITIES)) })]).optional(),
    linkedCases: z
      .strictObject({ atLeast: z.number().int().min(0).optional(), below: z.number().int().min(1).optional() })
      .refine((c) => c.atLeast !== undefined || c.below !== undefined, "give atLeast, below or both")
      .optional(),
    answer: z.strictObject({ step: z.string(), is: oneOrMore(z.string()) }).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), "a condition needs type, severity, linkedCases or answer");
export type Condition = z.infer<typeof Condition>;

export const TaskStep = z.strictObject({
  ...common,
  ...deadline,
  kind: z.literal("task"),
  owner: z.string(),
  instructions: text.optional(),
  /** The answers the owner may record; a decision can branch on them. */
  answers: z.array(id).min(2).optional(),
});

export const ApprovalStep = z.strictObject({
  ...common,
  ...deadline,
  kind: z.literal("approval"),
  approvers: z.array(z.string()).min(1),
  /** Distinct people needed; never the author of what they approve. */
  count: z.number().int().min(1).max(5).default(1),
  /** Where a rejection sends the crisis (usually back to the draft); without it nobody may reject. */
  onReject: z.string().optional(),
});

export const StatementStep = z.strictObject({
  ...common,
  ...deadline,
  kind: z.literal("statement"),
  /** Who drafts it. */
  owner: z.string(),
  purpose: z.string(),
  audiences: z.array(z.string()).min(1),
  channels: z.array(z.string()).min(1),
  languages: z.array(z.string()).min(1),
  /** The approval step that must approve this draft before any publish step sends it. */
  approval: z.string(),
});

export const PublishStep = z.strictObject({ ...common, kind: z.literal("publish"), statement: z.string() });

export const PageStep = z.strictObject({
  ...common,
  ...deadline,
  kind: z.literal("page"),
  roles: z.array(z.string()).min(1),
  /** Wait until someone paged acknowledges (the default), or page and move on. */
  acknowledge: z.boolean().default(true),
});

export const WaitStep = z.strictObject({ ...common, kind: z.literal("wait"), for: duration });

export const DecisionStep = z.strictObject({
  id,
  title: text,
  kind: z.literal("decision"),
  branches: z.array(z.strictObject({ when: Condition, goto: z.string() })).min(1),
  otherwise: z.string().optional(),
});

export interface Track {
  id: string;
  title: string;
  steps: Step[];
}
export interface ParallelStep {
  id: string;
  title: string;
  next?: string;
  kind: "parallel";
  tracks: Track[];
}
export type Step =
  | z.infer<typeof TaskStep>
  | z.infer<typeof ApprovalStep>
  | z.infer<typeof StatementStep>
  | z.infer<typeof PublishStep>
  | z.infer<typeof PageStep>
  | z.infer<typeof WaitStep>
  | z.infer<typeof DecisionStep>
  | ParallelStep;
export type StepKind = Step["kind"];
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;

// Tracks run side by side inside a phase; the step after the parallel step starts when
// every track has finished (the join).
export const Track: z.ZodType<Track> = z.lazy(() => z.strictObject({ id, title: text, steps: z.array(Step) }));
export const ParallelStep: z.ZodType<ParallelStep> = z.lazy(() =>
  z.strictObject({ ...common, kind: z.literal("parallel"), tracks: z.array(Track).min(2) }),
);
export const Step: z.ZodType<Step, unknown> = z.lazy(() =>
  z.discriminatedUnion("kind", [TaskStep, ApprovalStep, StatementStep, PublishStep, PageStep, WaitStep, DecisionStep, ParallelStep as never]),
) as z.ZodType<Step, unknown>;

export const Phase = z.strictObject({ id, title: text, steps: z.array(Step).default([]) });
export type Phase = z.infer<typeof Phase>;

export const Playbook = z
  .strictObject({
    key: id,
    title: text,
    crisisTypes: z.array(id).min(1),
    severity: z.strictObject({
      /** The levels this plan is written for; the crisis's severity stays among them. */
      levels: z.array(z.enum(SEVERITIES)).min(1),
      /** Raise the crisis's severity when facts say so (e.g. many linked cases). */
      raise: z.array(z.strictObject({ when: Condition, to: z.enum(SEVERITIES) })).default([]),
    }),
    /** The fixed ending's review: who completes it, and its deadline. */
    review: z.strictObject({ owner: z.string(), title: text.default("Complete the post-crisis review"), ...deadline }).default({
      owner: "crisis_commander",
      title: "Complete the post-crisis review",
    }),
    phases: z.array(Phase).min(1),
  })
  .superRefine((playbook, ctx) => {
    for (const [i, rule] of playbook.severity.raise.entries()) {
      if (!playbook.severity.levels.includes(rule.to)) {
        ctx.addIssue({ code: "custom", path: ["severity", "raise", i, "to"], message: `${rule.to} is not one of this playbook's levels` });
      }
      if (rule.when.answer) ctx.addIssue({ code: "custom", path: ["severity", "raise", i, "when", "answer"], message: "severity rules read the crisis's facts, not answers" });
    }
  });
export type Playbook = z.output<typeof Playbook>;

export type TaskStep = z.infer<typeof TaskStep>;
export type ApprovalStep = z.infer<typeof ApprovalStep>;
export type StatementStep = z.infer<typeof StatementStep>;
export type PageStep = z.infer<typeof PageStep>;
export type WaitStep = z.infer<typeof WaitStep>;
export type DecisionStep = z.infer<typeof DecisionStep>;
export type PublishStep = z.infer<typeof PublishStep>;
export type ReviewSpec = Playbook["review"];
