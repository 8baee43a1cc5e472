import type { CaseActionReply } from "~/forms/case-action";
import { When } from "./format";

// What the action answered when it did not go through. A conflict names who changed the
// case and how; the page around it already shows the latest state, and whatever was
// typed is kept: in its form if that form is still offered, and here in any case.

const FIELD_NAMES: Record<string, string> = { reason: "Your reason", action: "Action", ruleCode: "Rule", assigneeId: "Assignee" };

function TypedValues({ values }: { values: Record<string, string> }) {
  const kept = Object.entries(values).filter(([name, value]) => name in FIELD_NAMES && value.trim() !== "");
  if (kept.length === 0) return null;
  return (
    <dl className="facts kept">
      {kept.map(([name, value]) => (
        <div key={name}>
          <dt>{FIELD_NAMES[name]} (not sent)</dt>
          <dd className="pre-wrap">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ReplyNotice({ reply }: { reply: CaseActionReply | undefined }) {
  if (!reply) return null;
  if (reply.status === "invalid") {
    return (
      <p role="alert" className="notice error">
        {reply.message}
      </p>
    );
  }
  return (
    <div role="alert" className="notice error conflict">
      <p>
        <strong>{reply.status === "conflict" ? "Not saved: the case changed." : "Not saved."}</strong> {reply.message}
      </p>
      {reply.status === "conflict" && reply.lastChange ? (
        <p>
          Last change: {reply.lastChange.action.replace(/^case\./, "").replace(/_/g, " ")} by {reply.lastChange.by} at <When iso={reply.lastChange.at} />
          {reply.lastChange.reason ? <> — “{reply.lastChange.reason}”</> : null}. The page below shows the case as it is now.
        </p>
      ) : null}
      <TypedValues values={reply.values} />
    </div>
  );
}
