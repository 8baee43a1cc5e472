import type { CasePage } from "~/models/cases/case-view.server";
import type { CaseActionReply } from "~/forms/case-action";
import { ActForm, AssignForm, ButtonForm, ReasonForm, UndoDismissForm } from "./action-forms";
import { Countdown } from "./countdown";
import { When, stateLabel } from "./format";

// What the viewer can do now, exactly as the triage machine answers it for them: the
// page draws a form for each allowed event and nothing else. The server checks again.

function Holder({ c }: { c: CasePage }) {
  const { holder } = c;
  if (!holder) return <p>Nobody holds this case.</p>;
  return (
    <p>
      Held by <strong>{holder.you ? "you" : holder.name}</strong>
      {holder.expiresAt ? (
        <>
          {" "}
          until <When iso={holder.expiresAt} /> (<Countdown until={holder.expiresAt} now={c.now} label="Claim expires" />)
        </>
      ) : c.state === "waiting_for_info" || c.state === "awaiting_approval" ? (
        <> (no claim timer runs while the case waits)</>
      ) : null}
    </p>
  );
}

function BanProposal({ c }: { c: CasePage }) {
  const ban = c.pendingBan;
  if (!ban) return null;
  return (
    <div className="proposal" role="group" aria-labelledby="proposal-heading">
      <h3 id="proposal-heading">Proposed ban</h3>
      <dl className="facts">
        <dt>Proposed by</dt>
        <dd>{ban.proposedByViewer ? "you" : ban.proposer}</dd>
        <dt>Rule</dt>
        <dd>
          {ban.ruleTitle} (<code>{ban.ruleCode}</code>)
        </dd>
        <dt>Reason</dt>
        <dd className="pre-wrap">{ban.reason}</dd>
        <dt>Proposed</dt>
        <dd>
          <When iso={ban.at} />
        </dd>
      </dl>
      {ban.proposedByViewer ? <p className="hint">A ban needs a second person: a senior moderator or trust &amp; safety lead other than you.</p> : null}
    </div>
  );
}

function Decision({ c }: { c: CasePage }) {
  return (
    <>
      {c.escalation ? (
        <p>
          Escalated by {c.escalation.by} (<When iso={c.escalation.at} />): <span className="pre-wrap">{c.escalation.reason}</span>
        </p>
      ) : null}
      {c.outcome ? (
        <p>
          Outcome: <strong>{c.outcome.action.replace(/_/g, " ")}</strong>
          {c.outcome.ruleTitle ? <> under {c.outcome.ruleTitle}</> : null} by {c.outcome.by}
          {c.outcome.approvedBy ? <>, approved by {c.outcome.approvedBy}</> : null} (<When iso={c.outcome.at} />): <span className="pre-wrap">{c.outcome.reason}</span>
        </p>
      ) : null}
    </>
  );
}

function NothingToDo({ c }: { c: CasePage }) {
  if (c.machineError) return <p className="notice error">This case was saved by another version of the triage machine, so nothing can be offered: {c.machineError}</p>;
  if (!c.viewer.canWork) return <p className="hint">You can read this case; working on cases needs the permission “work:case”.</p>;
  if (c.holder && !c.holder.you) return <p className="hint">{c.holder.name} is working on this case. It returns to the queue when they release it or the claim expires.</p>;
  return <p className="hint">Nothing you can do on this case while it is {stateLabel(c.state).toLowerCase()}.</p>;
}

export function ActionPanel({ c, reply }: { c: CasePage; reply: CaseActionReply | undefined }) {
  const may = (event: string) => c.allowed.includes(event as CasePage["allowed"][number]);
  const props = { c, reply };
  return (
    <section aria-labelledby="actions-heading" className="action-panel" id="actions">
      <h2 id="actions-heading">Actions</h2>
      <Holder c={c} />
      <Decision c={c} />
      <BanProposal c={c} />
      {c.allowed.length === 0 ? <NothingToDo c={c} /> : null}
      {/* The key remounts the forms at each new version: typed text is kept by the reply, not by stale inputs. */}
      <div key={c.version} className="action-forms">
        {may("UNDO_DISMISS") && c.outcome?.undoableUntil ? <UndoDismissForm c={c} until={c.outcome.undoableUntil} /> : null}
        {may("APPROVE") ? <ButtonForm intent="APPROVE" c={c} label="Approve ban" button="Approve ban" /> : null}
        {may("REJECT") ? <ReasonForm {...props} intent="REJECT" label="Reject ban" reasonLabel="Reason for rejecting the ban" button="Reject ban" className="danger" /> : null}
        {may("ACT") ? <ActForm {...props} /> : null}
        {may("DISMISS") ? <ReasonForm {...props} intent="DISMISS" label="Dismiss" reasonLabel="Reason for dismissing" button="Dismiss" className="secondary" /> : null}
        {may("ESCALATE") ? (
          <ReasonForm {...props} intent="ESCALATE" label="Escalate" reasonLabel="Reason for escalating" button="Escalate" className="secondary" hint="The case goes to the senior queue." />
        ) : null}
        {may("REQUEST_INFO") ? (
          <ReasonForm
            {...props}
            intent="REQUEST_INFO"
            label="Request information"
            reasonLabel="What do you need to know?"
            button="Request information"
            className="secondary"
            hint="Sent to the reporter; the claim timer stops while you wait."
          />
        ) : null}
        {may("INFO_RECEIVED") ? <ButtonForm intent="INFO_RECEIVED" c={c} label="Information received" button="Information received" /> : null}
        {may("REOPEN") ? <ReasonForm {...props} intent="REOPEN" label="Reopen" reasonLabel="Reason for reopening" button="Reopen" /> : null}
        <div className="claim-buttons">
          {may("CLAIM") ? <ButtonForm intent="CLAIM" c={c} label="Claim" button={c.holder?.you ? "Renew claim" : "Claim"} className={c.holder?.you ? "secondary" : undefined} /> : null}
          {may("RELEASE") ? <ButtonForm intent="RELEASE" c={c} label="Release" button="Release" className="secondary" /> : null}
          {may("CLOSE") ? <ButtonForm intent="CLOSE" c={c} label="Close case" button="Close case" className="secondary" /> : null}
        </div>
        {may("ASSIGN") ? <AssignForm {...props} /> : null}
      </div>
    </section>
  );
}
