import { Link, useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { CsrfInput } from "~/components/csrf-input";
import type { CaseMessagesData, SendReply } from "~/routes/cases.$ref_.messages";
import { MessageLog } from "./message-log";

// The reply composer on the case page: the approved templates that fit the case, for
// each reporter (in their language) and the author, rendered; the moderator picks one
// and sends it through the outbox. Below, the messages already sent for this case.

export function MessageComposer({ data, action, caseRef }: { data: CaseMessagesData; action: string; caseRef: string }) {
  const send = useFetcher<SendReply>();
  const { recipients, proposals, messages, moreMessages, canSend } = data;
  return (
    <section aria-labelledby="messages-heading" className="case-messages">
      <h2 id="messages-heading">Messages</h2>
      {canSend ? (
        <send.Form method="post" action={action}>
          <CsrfInput />
          {recipients.map((r) => (
            <fieldset key={r.key}>
              <legend>
                {r.label}
                {r.language ? ` · ${r.language}` : ""}
              </legend>
              {proposals
                .filter((p) => p.recipientKey === r.key)
                .map((p) => (
                  <label key={`${p.templateKey}`} className="proposal">
                    <input type="radio" name="choice" value={`${r.key}|${p.templateKey}|${p.rendered.language}`} required />{" "}
                    <span className="mono">{p.templateKey}</span> v{p.version} ({p.rendered.language})
                    <span className="preview-text" lang={p.rendered.language}>
                      {p.rendered.subject ? <strong>{p.rendered.subject}: </strong> : null}
                      {p.rendered.body}
                    </span>
                  </label>
                ))}
            </fieldset>
          ))}
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
