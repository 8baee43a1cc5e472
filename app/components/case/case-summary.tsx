import type { ReactNode } from "react";
import type { CasePage } from "~/models/cases/case-view.server";
import type { Viewer } from "~/models/cases/presence.server";
import { NextDeadline } from "~/components/escalation/sla-reading";
import { describeChange } from "~/components/queue/format";
import type { CaseChange } from "~/models/cases/case-live";
import { SubjectUrl, isHttpUrl } from "./content-snapshot";
import { When, plural, stateLabel } from "./format";

// The top of the case page: where the case stands (announced when it changes), who else
// is looking at it, news of changes made by others, and the facts about its subject.

export function CaseStatus({ c, viewers }: { c: CasePage; viewers: Viewer[] }) {
  const holder = c.holder ? `held by ${c.holder.you ? "you" : c.holder.name}` : "not held by anyone";
  return (
    <div className="case-status">
      <p role="status" aria-live="polite">
        Current state: <strong>{stateLabel(c.state).toLowerCase()}</strong>, {holder}.
      </p>
      <p className="viewers">{viewers.length ? <>Also viewing now: {viewers.map((v) => v.name).join(", ")}</> : <>Nobody else is viewing this case.</>}</p>
    </div>
  );
}

export function ChangedElsewhere({ change, onShow }: { change: CaseChange | null; onShow: () => void }) {
  if (!change) return null;
  return (
    <div role="alert" className="notice warning">
      {change.escalation ? (
        // The escalation's forms carry its version; the triage forms are still current. A
        // deadline's move does not refuse a person's (escalation-meanwhile.server.ts); a person's does.
        <p>
          {describeChange(change)}{" "}
          {change.action === "escalation.breach"
            ? "An escalation move you send now still applies if the new tier allows it."
            : "An escalation move you send now would be refused as out of date."}
        </p>
      ) : (
        <p>
          {change.by} just changed this case ({change.action.replace(/^case\./, "").replace(/_/g, " ")}); it is now {stateLabel(change.state).toLowerCase()}. What you
          send now would be refused as out of date.
        </p>
      )}
      <button type="button" onClick={onShow}>
        Show the latest
      </button>
    </div>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function CaseFacts({ c }: { c: CasePage }) {
  const address = c.subjectUrl ?? (isHttpUrl(c.subjectId) ? c.subjectId : null);
  return (
    <dl className="facts case-facts">
      <Row term="Rule">
        {c.ruleTitle} (<code>{c.ruleCode}</code>)
      </Row>
      <Row term="Priority">
        <a href="#priority-heading">{c.priority}</a>
      </Row>
      <Row term="Reports">
        {c.reportCount} from {plural(c.reporterCount, "reporter", "reporters")}
      </Row>
      <Row term="Subject">
        {c.subjectType === "account" ? "Account" : "Content"} <code>{c.subjectId}</code>
      </Row>
      {address ? (
        <Row term="Address">
          <SubjectUrl url={address} />
        </Row>
      ) : null}
      {c.authorHandle !== null ? (
        <Row term="Author">
          <a href="#history-heading" dir="auto">
            {c.authorHandle}
          </a>
        </Row>
      ) : null}
      <Row term="Language">{c.language ?? "Not given"}</Row>
      <Row term="Opened">
        <When iso={c.createdAt} />
      </Row>
      {c.sla.firstResponse.state !== "n/a" || c.sla.resolution.state !== "n/a" ? (
        <Row term="Next deadline">
          <NextDeadline sla={c.sla} now={c.now} caseOpen={c.isOpen} />
        </Row>
      ) : null}
      <Row term="Last change">
        <When iso={c.updatedAt} />
      </Row>
    </dl>
  );
}
