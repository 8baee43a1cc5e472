import { IntlMessageFormat } from "intl-messageformat";

// Template text is ICU MessageFormat (decision 0011). `{{reporter.handle}}` is shorthand
// for the ICU argument `{reporter.handle}`; plural and select use ICU directly, e.g.
// `{strike.count, plural, one {# strike} other {# strikes}}`. ICU argument names cannot
// hold dots, so dotted names become `reporter__handle` before parsing.

export type Variant = { subject?: string; body: string };
export type Variants = Record<string, Variant>;
export type Values = Record<string, string | number>;

const SHORTHAND = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;
const DOTTED_ARGUMENT = /\{\s*([A-Za-z]\w*(?:\.\w+)+)\s*(?=[,}])/g;

const toIcuName = (name: string) => name.replaceAll(".", "__");
const fromIcuName = (name: string) => name.replaceAll("__", ".");

/** Template text as plain ICU: shorthand placeholders and dotted names rewritten. */
export function toIcu(text: string): string {
  return text
    .replace(SHORTHAND, (_m, name: string) => `{${toIcuName(name)}}`)
    .replace(DOTTED_ARGUMENT, (_m, name: string) => `{${toIcuName(name)}`);
}

function compile(text: string, language: string) {
  return new IntlMessageFormat(toIcu(text), language, undefined, { ignoreTag: true });
}

type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }>; children?: Element[] };

function collect(elements: Element[], names: Set<string>) {
  for (const el of elements) {
    // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural: all name an argument.
    if (el.type >= 1 && el.type <= 6 && typeof el.value === "string") names.add(fromIcuName(el.value));
    for (const option of Object.values(el.options ?? {})) collect(option.value, names);
    if (el.children) collect(el.children, names);
  }
}

/** The variables a text uses, or the ICU syntax error that stops it parsing. */
export function variablesOf(text: string, language = "en"): { variables: string[] } | { error: string } {
  try {
    const names = new Set<string>();
    collect(compile(text, language).getAst() as unknown as Element[], names);
    return { variables: [...names].sort() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Renders one text with values keyed by dotted names. Throws on a missing value. */
export function renderText(text: string, language: string, values: Values): string {
  const icuValues = Object.fromEntries(Object.entries(values).map(([k, v]) => [toIcuName(k), v]));
  const out = compile(text, language).format(icuValues);
  return Array.isArray(out) ? out.join("") : String(out);
}

/**
 * The languages to try for `requested`, most specific first: `pt-BR` → `pt-BR`, `pt`,
 * then the template's default language.
 */
export function languageChain(requested: string | null | undefined, defaultLanguage: string): string[] {
  const chain: string[] = [];
  const parts = (requested ?? "").trim().split(/[-_]/).filter(Boolean);
  for (let n = parts.length; n > 0; n--) chain.push(parts.slice(0, n).join("-"));
  chain.push(defaultLanguage);
  return [...new Set(chain.map((tag) => tag.replace(/^([a-z]+)/i, (p) => p.toLowerCase())))];
}

/** The variant a recipient in `requested` gets, and its language. */
export function pickVariant(variants: Variants, requested: string | null | undefined, defaultLanguage: string) {
  for (const language of languageChain(requested, defaultLanguage)) {
    const variant = variants[language];
    if (variant?.body.trim()) return { language, variant };
  }
  return null;
}

export type Rendered = { language: string; subject: string | null; body: string };

/** Picks the variant for `requested` and renders it. Null when no variant fits. */
export function renderTemplate(variants: Variants, requested: string | null | undefined, defaultLanguage: string, values: Values): Rendered | null {
  const picked = pickVariant(variants, requested, defaultLanguage);
  if (!picked) return null;
  const { language, variant } = picked;
  return {
    language,
    subject: variant.subject?.trim() ? renderText(variant.subject, language, values) : null,
    body: renderText(variant.body, language, values),
  };
}
