import type { CaseSubjectLine } from "~/models/cases/case-gist";

// Who or what a case is about and the start of its text, under its reference (the queue,
// search results). Each line is cut by the server and again by CSS on a narrow screen;
// <bdi> keeps right-to-left text from reordering the row around it.

export function CaseGist({ subject, snippet }: { subject: CaseSubjectLine; snippet: string | null }) {
  if (!subject.author && !subject.where && !snippet) return null;
  return (
    <span className="case-gist">
      {subject.author || subject.where ? (
        <span>
          {subject.author ? <bdi className="gist-author">{subject.author}</bdi> : null}
          {subject.author && subject.where ? " · " : null}
          {subject.where ? <bdi>{subject.where}</bdi> : null}
        </span>
      ) : null}
      {snippet ? (
        <span>
          <bdi>{snippet}</bdi>
        </span>
      ) : null}
    </span>
  );
}
