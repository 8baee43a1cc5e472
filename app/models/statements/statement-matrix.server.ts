import type { PersonStatementEvent } from "@machines/statement";
import { allowedStatementEvents, restoreStatementSnapshot } from "@machines/statement";
import type { Statement } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { ROLE_LABELS, isRole } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import { readCrisis } from "../crises/crisis-rows.server";
import { stepTitle } from "../crises/crisis-refusals";
import { readStepProgress } from "../crises/crisis-statement-steps.server";
import { NEED_WORDS } from "../crises/statement-steps";
import { roleNames } from "../playbooks/playbook-words";
import { PURPOSES, isChannel } from "../templates/template-purposes";
import type { Channel } from "../templates/template-purposes";
import { statementSteps } from "./statement-chain";
import { crisisLanguages } from "./statement-languages.server";
import { approvalsOf, chainOf } from "./statement-rows.server";
import { statementActor } from "./statement-subject.server";
import type { StatementIssue } from "./statement-text";
import { lintStatement } from "./statement-text";
import type { CellState, Stage } from "./statement-words";
import { STAGES, STAGE_KEYS, audienceLabel, cellStateOf, STATEMENT_CHANNEL_LABELS } from "./statement-words";

// The statement matrix as a person reads it: per stage, the rows (audience × channel) the
// playbook requires or someone drafted, a cell per language with its state at a glance,
// which required cells hold the playbook's live step up now (crises/statement-steps.ts),
// and the chosen cell in full (its text,
// lint, template and fallback, chain and approvals, and what this person may do).

export type MatrixCell = { key: string; language: string; state: CellState; required: boolean; blocking: boolean; ref: string | null };
export type MatrixRow = { audience: string; audienceLabel: string; channel: string; channelLabel: string; cells: MatrixCell[] };
/** A playbook step of the stage: whether the crisis stands at a step of it the statements drive, and what its cells still lack. */
export type StageBlock = { stage: Stage; label: string; rows: MatrixRow[]; steps: { title: string; live: string | null; open: number; need: string; chain: string }[] };

export type ChosenCell = {
  key: string;
  stage: Stage;
  stageLabel: string;
  audience: string;
  audienceLabel: string;
  channel: Channel;
  channelLabel: string;
  language: string;
  statement: null | {
    ref: string;
    version: number;
    state: CellState;
    subject: string | null;
    body: string;
    hash: string;
    template: string;
    templateLanguage: string | null;
    sequence: number;
    author: string;
    chain: string;
    approvals: { name: string; role: string; current: boolean }[];
    issues: StatementIssue[];
    actions: PersonStatementEvent[];
    publishedAt: string | null;
  };
};

export type StatementMatrix = { ref: string; title: string; state: string; nextUpdateDueAt: string | null; languages: string[]; stages: StageBlock[]; chosen: ChosenCell | null };

export const cellKey = (c: { stage: string; audience: string; channel: string; language: string }) => `${c.stage}.${c.audience}.${c.channel}.${c.language}`;

const roleWord = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role.replace(/_/g, " "));

function latestByCell(statements: Statement[]): Map<string, Statement> {
  const latest = new Map<string, Statement>();
  for (const s of statements) {
    const key = cellKey(s);
    if ((latest.get(key)?.sequence ?? 0) < s.sequence) latest.set(key, s);
  }
  return latest;
}

/**
 * A published cell is stale when something newer for its audience went out after it: a later
 * stage (an update after a holding statement, a resolution after either), or a newer update
 * of its own stage (a later sequence); the same update published later in another language
 * or channel is not newer.
 */
function staleness(latest: Map<string, Statement>) {
  const published = [...latest.values()].filter((s) => s.publishedAt);
  const order = (s: Statement) => STAGE_KEYS.indexOf(s.stage as Stage);
  const newer = (o: Statement, s: Statement) => order(o) > order(s) || (o.stage === s.stage && o.sequence > s.sequence);
  return (s: Statement) => !!s.publishedAt && published.some((o) => o.audience === s.audience && newer(o, s) && o.publishedAt! > s.publishedAt!);
}

export async function statementMatrix(crisisRef: string, actor: Extract<Actor, { kind: "user" }>, chosenKey: string | null): Promise<StatementMatrix | null> {
  const found = await prisma.crisis.findUnique({ where: { ref: crisisRef }, select: { id: true } });
  const crisis = found && (await readCrisis(prisma, found.id));
  if (!crisis?.row) return null;
  const [languages, statements] = await Promise.all([crisisLanguages(crisis.id), prisma.statement.findMany({ where: { crisisId: crisis.id } })]);
  const latest = latestByCell(statements);
  const isStale = staleness(latest);
  const steps = statementSteps(crisis.compiled);
  const progress = await readStepProgress(prisma, { id: crisis.id, compiled: crisis.compiled, steps: crisis.row.steps.split(",").filter(Boolean) });
  const holding = new Set(progress.flatMap((p) => p.cells.filter((c) => !c.counts).map((c) => c.key)));

  const stages: StageBlock[] = STAGE_KEYS.map((stage) => {
    const stageSteps = steps.filter((s) => s.stage === stage);
    const pairs = new Map<string, { audience: string; channel: string }>();
    for (const s of stageSteps) for (const audience of s.audiences) for (const channel of s.channels) pairs.set(`${audience}.${channel}`, { audience, channel });
    for (const s of latest.values()) if (s.stage === stage) pairs.set(`${s.audience}.${s.channel}`, { audience: s.audience, channel: s.channel });
    const requiredBy = (audience: string, channel: string, language: string) => stageSteps.filter((s) => s.audiences.includes(audience) && s.channels.includes(channel) && s.languages.includes(language));
    const rows = [...pairs.values()].map(({ audience, channel }): MatrixRow => ({
      audience,
      audienceLabel: audienceLabel(audience),
      channel,
      channelLabel: isChannel(channel) ? STATEMENT_CHANNEL_LABELS[channel] : channel,
      cells: languages.map((language) => {
        const key = cellKey({ stage, audience, channel, language });
        const statement = latest.get(key);
        const state = statement ? cellStateOf(statement.state, isStale(statement)) : "missing";
        const required = requiredBy(audience, channel, language);
        return { key, language, state, required: required.length > 0, blocking: holding.has(key), ref: statement?.ref ?? null };
      }),
    }));
    return {
      stage,
      label: STAGES[stage].label,
      rows,
      steps: stageSteps.map((s) => {
        const at = progress.find((p) => p.statements.includes(s.step));
        const title = at ? stepTitle(crisis.compiled, at.step) : null;
        return { title: s.title, live: title, open: at?.cells.filter((c) => !c.counts).length ?? 0, need: at ? NEED_WORDS[at.need] : "", chain: `${s.chain.count} of ${roleNames(s.chain.roles)}` };
      }),
    };
  });

  const nextUpdateDueAt = crisis.row.nextUpdateDueAt?.toISOString() ?? null;
  const base = { ref: crisis.ref, title: crisis.row.title, state: crisis.row.state, nextUpdateDueAt, languages, stages };
  return { ...base, chosen: chosenKey ? await chosenCell(chosenKey, latest, isStale, languages, actor, crisis) : null };
}

async function chosenCell(key: string, latest: Map<string, Statement>, isStale: (s: Statement) => boolean, languages: string[], actor: Extract<Actor, { kind: "user" }>, crisis: NonNullable<Awaited<ReturnType<typeof readCrisis>>>): Promise<ChosenCell | null> {
  const [stage, audience, channel, language] = key.split(".");
  if (!stage || !(STAGE_KEYS as string[]).includes(stage) || !audience || !channel || !isChannel(channel) || !language || !languages.includes(language)) return null;
  if (!(PURPOSES[STAGES[stage as Stage].purpose].channels as readonly string[]).includes(channel)) return null;
  const cell = { key, stage: stage as Stage, stageLabel: STAGES[stage as Stage].label, audience, audienceLabel: audienceLabel(audience), channel, channelLabel: STATEMENT_CHANNEL_LABELS[channel], language };
  const s = latest.get(key);
  if (!s) return { ...cell, statement: null };
  const chain = chainOf(s);
  const approvals = approvalsOf(s);
  const ids = [...new Set([s.authorId, ...approvals.map((a) => a.by)])];
  const users = new Map((await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const issues = lintStatement({ subject: s.subject, body: s.body }, channel, language);
  const snapshot = restoreStatementSnapshot(s);
  const who = statementActor(actor, { id: s.id, row: s, crisis, previous: null });
  return {
    ...cell,
    statement: {
      ref: s.ref,
      version: s.version,
      state: cellStateOf(s.state, isStale(s)),
      subject: s.subject,
      body: s.body,
      hash: s.textHash,
      template: `${s.templateKey ?? "none"} v${s.templateVersion ?? "?"}`,
      templateLanguage: s.templateLanguage,
      sequence: s.sequence,
      author: users.get(s.authorId) ?? "someone",
      chain: `${chain.count} approval${chain.count === 1 ? "" : "s"} by a ${chain.roles.map(roleWord).join(" or ").toLowerCase()}, each by a different person, never an author`,
      approvals: approvals.map((a) => ({ name: users.get(a.by) ?? "someone", role: roleWord(a.role), current: a.hash === s.textHash })),
      issues,
      actions: allowedStatementEvents(snapshot, who, issues.length),
      publishedAt: s.publishedAt?.toISOString() ?? null,
    },
  };
}
