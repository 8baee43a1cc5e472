// The reported text exactly as it was sent: React escapes it, `lang` lets the browser
// and screen readers pick the right language, `dir="auto"` handles right-to-left text.
// It is the thing being judged, so it reads as body text (line breaks kept), not as code.

const HTTP_URL = /^https?:\/\//i;

export function isHttpUrl(url: string): boolean {
  return HTTP_URL.test(url.trim());
}

export function SubjectUrl({ url }: { url: string }) {
  // Only http(s) becomes a link: a reported "javascript:" address stays text.
  return isHttpUrl(url) ? (
    <a href={url.trim()} rel="noopener noreferrer nofollow" target="_blank">
      {url}
    </a>
  ) : (
    <code>{url}</code>
  );
}

export function ContentSnapshot({ text, lang }: { text: string | null; lang: string | null }) {
  if (text === null) return <p className="hint">No text was sent with the reports.</p>;
  return (
    <blockquote className="content-snapshot" lang={lang ?? undefined} dir="auto">
      {text}
    </blockquote>
  );
}
