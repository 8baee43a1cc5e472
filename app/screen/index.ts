// PLACEHOLDER until the text-screen module lands: the public interface intake codes
// against. The text-screen work replaces this file's body (keeping these exports).

export type ScreenHit = {
  /** The listed word or phrase that matched, as it appears in its list. */
  word: string;
  /** The list it came from: "en" (bad-words' list), or a naughty-words language code. */
  list: string;
  /** UTF-16 offsets of the match in the original text: text.slice(start, end). */
  start: number;
  end: number;
  /** The matched original text. */
  match: string;
};

export type ScreenResult = { flagged: boolean; hits: ScreenHit[]; languages: string[] };

export function screenText(_text: string, _language?: string | null): ScreenResult {
  return { flagged: false, hits: [], languages: [] };
}
