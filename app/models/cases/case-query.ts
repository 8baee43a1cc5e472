import { REF_ALPHABET, parseRef } from "./refs";
import { normaliseUrl, subjectKey } from "../intake/subject-key";

// What a search for a case can mean. People quote a case or report reference from an
// email or a receipt, paste a link, copy a platform id or type an author's handle with or
// without "@"; the box takes any of them. Every reading that fits is tried (each is an
// exact lookup on an indexed column, see case-search.server.ts), so nothing has to be
// chosen first. Reporters' identities are never among the readings.
// The functions that make the keys stored beside each case live here too, so what is
// stored and what is looked up cannot drift apart.

export type CaseQuery = {
  caseRefs: string[];
  reportRefs: string[];
  /** Case subject keys to look up (subject-key.ts), for ids and links. */
  subjectKeys: string[];
  /** The link, normalised as intake normalises subjects, or null. */
  url: string | null;
  /** Author keys (authorKeyOf) to look up. */
  authorKeys: string[];
};

export const MAX_QUERY_LENGTH = 2048;

// Quotes, brackets and sentence punctuation that come along when a reference or link is
// copied out of a sentence.
const WRAPPING = /^[\s"'`“”‘’«»<([{]+|[\s"'`“”‘’«»>)\]}.,;:!?]+$/g;
const EMBEDDED_REF = new RegExp(`(?:^|[^A-Za-z0-9])([CcRr]-[${REF_ALPHABET}${REF_ALPHABET.toLowerCase()}]{8})(?![A-Za-z0-9])`, "g");

const unique = <T>(values: T[]) => [...new Set(values)];

/**
 * An author handle as the search finds it: no leading "@", ASCII letters in lower case.
 * Only ASCII, because SQLite's lower() folds only ASCII and the migration that filled the
 * column for earlier cases ran in SQL; null for no handle.
 */
export function authorKeyOf(handle: string | null | undefined): string | null {
  const key = (handle ?? "").replace(/^@+/, "").replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  return key === "" ? null : key;
}

export function interpretQuery(raw: string): CaseQuery {
  const typed = raw.trim().normalize("NFC");
  const stripped = typed.replace(WRAPPING, "");
  const candidates = unique([typed, stripped].filter(Boolean));
  const query: CaseQuery = { caseRefs: [], reportRefs: [], subjectKeys: [], url: null, authorKeys: [] };
  if (candidates.length === 0) return query;

  // References, alone or inside a pasted sentence or link (".../cases/C-…", "?ref=R-…").
  for (const [, ref] of typed.matchAll(EMBEDDED_REF)) {
    const caseRef = parseRef(ref, "case");
    if (caseRef) query.caseRefs.push(caseRef);
    const reportRef = parseRef(ref, "report");
    if (reportRef) query.reportRefs.push(reportRef);
  }

  for (const text of candidates) {
    const url = normaliseUrl(text);
    if (url) {
      query.url ??= url;
      query.subjectKeys.push(subjectKey({ type: "content", url }), subjectKey({ type: "account", url }));
      continue;
    }
    // A platform id, of a post or of an account (accounts' "@handles" key in lower case).
    query.subjectKeys.push(subjectKey({ type: "content", id: text }), subjectKey({ type: "account", id: text }));
    const authorKey = /\s/.test(text) ? null : authorKeyOf(text);
    if (authorKey) {
      query.authorKeys.push(authorKey);
      query.subjectKeys.push(subjectKey({ type: "account", id: `@${text.replace(/^@+/, "")}` }));
    }
  }
  query.caseRefs = unique(query.caseRefs);
  query.reportRefs = unique(query.reportRefs);
  query.subjectKeys = unique(query.subjectKeys);
  query.authorKeys = unique(query.authorKeys);
  return query;
}
