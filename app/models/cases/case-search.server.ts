import crypto from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import type { CaseSubjectLine } from "./case-gist";
import { caseSubject } from "./case-gist";
import { caseSnippets } from "./case-snippets.server";
import { interpretQuery } from "./case-query";
import { normaliseUrl } from "../intake/subject-key";

// Finding a case from what people quote (case-query.ts says what a query can mean). Each
// reading is one exact lookup on an indexed column: Case.ref, Report.ref, Case.subjectKey,
// Case.subjectUrlKey, Case.authorKey; none reads reporters' identities, so a search
// can reveal no reporter to anyone (docs/decisions/0017).

export const SEARCH_LIMIT = 50;

export type SearchMatch = "case reference" | "report reference" | "link" | "subject id" | "author handle";

export type CaseHit = {
  ref: string;
  state: string;
  isOpen: boolean;
  ruleCode: string;
  createdAt: Date;
  subject: CaseSubjectLine;
  snippet: string | null;
  matches: SearchMatch[];
};

export type CaseSearchResult = { hits: CaseHit[]; more: boolean };

/** The key a link is found by: SHA-256 of the normalised URL, so any link fits an index on both stores. */
export function linkKeyOf(input: string | null | undefined): string | null {
  const url = input ? normaliseUrl(input) : null;
  return url ? crypto.createHash("sha256").update(url).digest("hex") : null;
}

/** A new case's link key: its URL's, or its id's when the id is a link, or "" for none. */
export function caseLinkKey(subject: { id: string; url?: string | null }): string {
  return linkKeyOf(subject.url) ?? linkKeyOf(subject.id) ?? "";
}

const hitSelect = {
  id: true,
  ref: true,
  state: true,
  isOpen: true,
  ruleCode: true,
  createdAt: true,
  subjectId: true,
  subjectUrl: true,
  authorHandle: true,
} satisfies Prisma.CaseSelect;
type HitRow = Prisma.CaseGetPayload<{ select: typeof hitSelect }>;

const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.CaseOrderByWithRelationInput[];

/** The cases a viewer may see that match `input`; exact references first, then open cases, newest first. */
export async function findCases(input: string, viewer: { roles: readonly string[] }): Promise<CaseSearchResult> {
  if (!can(viewer.roles, "read:case")) return { hits: [], more: false };
  const q = interpretQuery(input);
  const take = SEARCH_LIMIT + 1;
  const linkKey = q.url ? linkKeyOf(q.url) : null;
  const [byCaseRef, byReportRef, bySubject, byLink, byHandle] = await Promise.all([
    q.caseRefs.length ? prisma.case.findMany({ where: { ref: { in: q.caseRefs } }, select: hitSelect }) : [],
    q.reportRefs.length
      ? prisma.report.findMany({ where: { ref: { in: q.reportRefs } }, select: { case: { select: hitSelect } } }).then((rows) => rows.map((r) => r.case))
      : [],
    q.subjectKeys.length ? prisma.case.findMany({ where: { subjectKey: { in: q.subjectKeys } }, select: hitSelect }) : [],
    linkKey ? prisma.case.findMany({ where: { subjectUrlKey: linkKey }, select: hitSelect, orderBy: newestFirst, take }) : [],
    q.authorKeys.length ? prisma.case.findMany({ where: { authorKey: { in: q.authorKeys } }, select: hitSelect, orderBy: newestFirst, take }) : [],
  ]);

  const found = new Map<string, { row: HitRow; matches: Set<SearchMatch>; exact: boolean }>();
  const add = (rows: HitRow[], match: SearchMatch) => {
    for (const row of rows) {
      const entry = found.get(row.id) ?? { row, matches: new Set<SearchMatch>(), exact: false };
      entry.matches.add(match);
      entry.exact ||= match === "case reference" || match === "report reference";
      found.set(row.id, entry);
    }
  };
  add(byCaseRef, "case reference");
  add(byReportRef, "report reference");
  add(bySubject, q.url ? "link" : "subject id");
  add(byLink, "link");
  add(byHandle, "author handle");

  const ordered = [...found.values()].sort(
    (a, b) =>
      Number(b.exact) - Number(a.exact) ||
      Number(b.row.isOpen) - Number(a.row.isOpen) ||
      b.row.createdAt.getTime() - a.row.createdAt.getTime() ||
      (a.row.id < b.row.id ? 1 : -1),
  );
  const page = ordered.slice(0, SEARCH_LIMIT);
  const snippets = await caseSnippets(page.map((e) => e.row.id));
  return {
    hits: page.map(({ row, matches }) => ({
      ref: row.ref,
      state: row.state,
      isOpen: row.isOpen,
      ruleCode: row.ruleCode,
      createdAt: row.createdAt,
      subject: caseSubject(row),
      snippet: snippets.get(row.id) ?? null,
      matches: [...matches],
    })),
    more: ordered.length > SEARCH_LIMIT || byLink.length === take || byHandle.length === take,
  };
}

/** The case a report belongs to, by the report's reference; null if there is none. */
export async function caseRefOfReport(reportRef: string): Promise<string | null> {
  const report = await prisma.report.findUnique({ where: { ref: reportRef }, select: { case: { select: { ref: true } } } });
  return report?.case.ref ?? null;
}

/**
 * Keys the links of cases recorded before Case.subjectUrlKey existed, a batch at a time;
 * answers how many it keyed. New cases get their key from intake, so after the first start
 * this finds nothing (one index lookup).
 */
export async function keyCaseLinks(batch = 500): Promise<number> {
  let keyed = 0;
  for (;;) {
    const rows = await prisma.case.findMany({ where: { subjectUrlKey: null }, select: { id: true, subjectId: true, subjectUrl: true }, take: batch });
    // One transaction per batch: one sync to disk for many rows.
    await prisma.$transaction(
      rows.map((row) => prisma.case.update({ where: { id: row.id }, data: { subjectUrlKey: caseLinkKey({ id: row.subjectId, url: row.subjectUrl }) } })),
    );
    keyed += rows.length;
    if (rows.length < batch) return keyed;
  }
}
