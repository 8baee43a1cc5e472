// What exists outside a playbook, passed in by the caller (machines/ imports nothing from
// the app): roles, template purposes and their channels, languages, approved templates.

export interface PlaybookWorld {
  roles: readonly string[];
  /** Template purposes and the channels each may go out on. */
  purposes: Readonly<Record<string, { channels: readonly string[] }>>;
  languages: readonly string[];
  /** Who a statement may address; unchecked when absent. */
  audiences?: readonly string[];
  /** Crisis types Vigil knows; unchecked when absent. */
  crisisTypes?: readonly string[];
  /** Approved templates; the fallback check is skipped when absent. */
  templates?: readonly { purpose: string; channel: string; language: string }[];
  /** The language a template falls back to (Vigil's templates: en). */
  defaultLanguage?: string;
}

/** The languages tried for `language`, most specific first: pt-BR → pt → the default. */
export function fallbackChain(language: string, defaultLanguage: string): string[] {
  const parts = language.split(/[-_]/).filter(Boolean);
  const chain: string[] = [];
  for (let n = parts.length; n > 0; n--) chain.push(parts.slice(0, n).join("-"));
  chain.push(defaultLanguage);
  return [...new Set(chain)];
}
