// The reported text exactly as it was sent: React escapes it, `lang` lets the browser
// and screen readers pick the right language, `dir="auto"` handles right-to-left text.

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
    <pre className="snapshot" lang={lang ?? undefined} dir="auto">
      {text}
    </pre>
  );
}
