// A case in one line, for lists (the queue, search results): who or what was reported and
// the start of the reported text. Cut by graphemes, so no emoji or accented letter is split;
// control and direction-override characters become spaces, so a snippet cannot reorder or
// break the row around it. React escapes what is left.

export const SNIPPET_GRAPHEMES = 140;
export const SUBJECT_GRAPHEMES = 80;

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
// C0 and C1 controls (newlines and tabs included), bidirectional embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** `text` on one line, at most `max` graphemes, with "…" when cut; `cut` says the text went on. */
export function oneLine(text: string, max: number, cut = false): string {
  const flat = text.replace(UNSAFE, " ").replace(/\s+/g, " ").trim();
  const graphemes = Array.from(segmenter.segment(flat), (s) => s.segment);
  if (graphemes.length <= max && !cut) return flat;
  return `${graphemes.slice(0, Math.min(max, Math.max(graphemes.length - (cut ? 1 : 0), 1))).join("").trimEnd()}…`;
}

export type CaseSubjectLine = { author: string | null; where: string | null };

/** The author's handle and the link (or platform id) of a case's subject, each on one line. */
export function caseSubject(c: { authorHandle: string | null; subjectUrl: string | null; subjectId: string }): CaseSubjectLine {
  const author = c.authorHandle?.trim() ? oneLine(c.authorHandle, SUBJECT_GRAPHEMES) : null;
  const where = oneLine(c.subjectUrl ?? c.subjectId, SUBJECT_GRAPHEMES) || null;
  return { author, where: where === author ? null : where };
}
