import { Link, useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { CsrfInput } from "~/components/csrf-input";
import type { CaseMessagesData, SendReply } from "~/forms/composer";
import { choiceValue } from "~/forms/composer";
import type { Proposal } from "~/models/messages/messages.server";
import type { Rendered } from "~/models/templates/template-render";
import { MessageLog } from "./message-log";

// The reply composer on the case page: the approved templates the case can fill, for each
// reporter (in their language) and the author, rendered, with the same text in the
// moderator's own language beside it; the moderator picks one and sends it through the
// outbox. Templates the case cannot fill yet are named, not offered. Below, the messages
// already sent for this case.

type Names = (language: string) => string;

function Preview({ id, caption, rendered }: { id: string; caption: string; rendered: Rendered }) {
  return (
    <div className="message-preview" id={id}>
      <p className="preview-caption">{caption}</p>
      <p className="preview-text" lang={rendered.language}>
        {rendered.subject ? <strong>{rendered.subject}: </strong> : null}
        {rendered.body}
      </p>
    </div>
  );
}

function MessageChoice({ proposal: p, recipientKey, names }: { proposal: Proposal; recipientKey: string; names: Names }) {
  const id = `choice-${recipientKey}-${p.templateKey}`.replace(/[^\w-]/g, "_");
  const sent = `${id}-sent`;
  const gloss = `${id}-gloss`;
  return (
    <div className="message-choice">
      <input
        type="radio"
        id={id}
        name="choice"
        value={choiceValue(recipientKey, p.templateKey, p.rendered.language)}
        required
        aria-describedby={p.inViewerLanguage ? `${sent} ${gloss}` : sent}
      />
      <label htmlFor={id}>
        <span className="mono">{p.templateKey}</span> v{p.version} ({p.rendered.language})
      </label>
      <div className="message-previews">
        <Preview id={sent} caption={`Sent in ${names(p.rendered.language)}`} rendered={p.rendered} />
        {p.inViewerLanguage ? (
          <Preview id={gloss} caption={`In ${names(p.inViewerLanguage.language)}, for you to read (not sent)`} rendered={p.inViewerLanguage} />
        ) : null}
      </div>
    </div>
  );
}

export function MessageComposer({ data, action, caseRef }: { data: CaseMessagesData; action: string; caseRef: string }) {
  const send = useFetcher<SendReply>();
  const { recipients, proposals, unavailable, languageNames, messages, moreMessages, canSend } = data;
  const names: Names = (language) => languageNames[language] ?? language;
  return (
    <section aria-labelledby="messages-heading" className="case-messages">
      <h2 id="messages-heading">Messages</h2>
      {canSend ? (
        <send.Form method="post" action={action}>
          <CsrfInput />
          {recipients.map((r) => {
            const offered = proposals.filter((p) => p.recipientKey === r.key);
            const lacking = unavailable.filter((u) => u.recipientKey === r.key);
            return (
              <fieldset key={r.key} className="message-recipient">
                <legend>
                  {r.label}
                  {r.language ? ` · ${r.language}` : ""}
                </legend>
                {offered.length === 0 ? <p className="hint">No approved template fits now.</p> : null}
                {offered.map((p) => (
                  <MessageChoice key={p.templateKey} proposal={p} recipientKey={r.key} names={names} />
                ))}
                {lacking.length > 0 ? (
                  <ul className="hint not-offered">
                    {lacking.map((u) => (
                      <li key={u.templateKey}>
                        Not offered: <span className="mono">{u.templateKey}</span> needs {u.needs}.
                      </li>
                    ))}
                  </ul>
                ) : null}
              </fieldset>
            );
          })}
          {send.data ? (
            <p role={send.data.ok ? "status" : "alert"} className={send.data.ok ? "notice" : "field-error"}>
              {send.data.message}
            </p>
          ) : null}
          <button type="submit" disabled={send.state !== "idle"}>
            Send message
          </button>
        </send.Form>
      ) : null}
      <MessageLog messages={messages} caption="Messages sent for this case" showCase={false} />
      {moreMessages ? <Link to={`/messages?case=${encodeURIComponent(caseRef)}`}>Older messages for this case in the message log</Link> : null}
    </section>
  );
}

/** Loads the composer's data for a case and shows it; used on the case page. */
export function CaseMessages({ caseRef }: { caseRef: string }) {
  const load = useFetcher<CaseMessagesData>();
  const href = `/cases/${caseRef}/messages`;
  const { load: fetchData } = load;
  useEffect(() => {
    fetchData(href);
  }, [fetchData, href]);
  if (!load.data) return <p>Loading messages…</p>;
  return <MessageComposer data={load.data} action={href} caseRef={caseRef} />;
}
