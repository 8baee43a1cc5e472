import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicCopy } from "~/i18n/public";
import { publicLocale } from "~/i18n/public/locale.server";
import { statusNotices } from "~/models/statements/status-page.server";

// The status page as an Atom feed (RFC 4287): one entry per published update, in the
// reader's language (`?lang=` or Accept-Language) or its fallback, newest first. Entry ids
// are opaque: nothing internal is in them.

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = publicLocale(request);
  const copy = publicCopy(locale).status;
  const origin = new URL(request.url).origin;
  const notices = await statusNotices(locale);
  const entries = notices.flatMap((n) => n.updates.map((u) => ({ ...u, anchor: n.anchor }))).sort((a, b) => b.at.localeCompare(a.at));
  const updated = entries[0]?.at ?? new Date(0).toISOString();
  const page = `${origin}/status?lang=${locale}`;
  const xml = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
    `  <title>${escapeXml(copy.heading)}</title>`,
    `  <id>${escapeXml(`${origin}/status.atom?lang=${locale}`)}</id>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(page)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(`${origin}/status.atom?lang=${locale}`)}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${escapeXml(copy.heading)}</name></author>`,
    ...entries.map((e) =>
      [
        `  <entry xml:lang="${e.language}">`,
        `    <id>urn:vigil:status:${e.entryId}</id>`,
        `    <title>${escapeXml(copy.stages[e.stage])}</title>`,
        `    <link rel="alternate" type="text/html" href="${escapeXml(`${page}#${e.anchor}`)}"/>`,
        `    <updated>${e.at}</updated>`,
        `    <published>${e.at}</published>`,
        `    <content type="text">${escapeXml(e.fallback ? `${e.text}\n\n(${copy.fallback} ${publicCopy(e.language).name}.)` : e.text)}</content>`,
        `  </entry>`,
      ].join("\n"),
    ),
    `</feed>`,
    ``,
  ].join("\n");
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8", Vary: "Accept-Language", "Cache-Control": "public, max-age=60" } });
}
