import { Form } from "@remix-run/react";
import { useState } from "react";
import { CsrfInput } from "~/components/csrf-input";
import type { LintIssue } from "~/models/templates/template-lint";
import type { Values, Variants } from "~/models/templates/template-render";
import { renderText } from "~/models/templates/template-render";
import { LintIssues } from "./lint-issues";
import { LocaleTabs } from "./locale-tabs";

// Edits a template's variants, one tab per language, with a live preview under each
// text: with sample data, or with a real case's values when one is picked. Saving
// posts every language and writes a new draft version.

type Props = {
  variants: Variants;
  defaultLanguage: string;
  email: boolean;
  issues: LintIssue[];
  values: Values;
  valuesFrom: string;
  canEdit: boolean;
};

function preview(text: string, language: string, values: Values): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: renderText(text, language, values) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function TemplateEditor({ variants: initial, defaultLanguage, email, issues, values, valuesFrom, canEdit }: Props) {
  const [variants, setVariants] = useState<Variants>(initial);
  const languages = Object.keys(variants).sort((a, b) => (a === defaultLanguage ? -1 : b === defaultLanguage ? 1 : a.localeCompare(b)));
  const [selected, setSelected] = useState(languages[0] ?? defaultLanguage);
  const [adding, setAdding] = useState("");
  const set = (language: string, field: "subject" | "body", text: string) =>
    setVariants((v) => ({ ...v, [language]: { ...v[language], body: v[language]?.body ?? "", [field]: text } }));
  const forField = (language: string, field: string) => issues.filter((i) => i.language === language && (i.field === field || i.field === "variants"));

  return (
    <Form method="post" className="template-editor">
      <CsrfInput />
      <LocaleTabs
        label="Languages"
        languages={languages}
        selected={selected}
        onSelect={setSelected}
        tabLabel={(language) => `${language}${issues.some((i) => i.language === language) ? " (issues)" : ""}`}
        panel={(language) => {
          const v = variants[language] ?? { body: "" };
          const shown = preview(v.body, language, values);
          return (
            <div className="variant">
              <input type="hidden" name="language" value={language} />
              {email ? (
                <div className="field">
                  <label htmlFor={`subject-${language}`}>Subject ({language})</label>
                  <input id={`subject-${language}`} name={`subject.${language}`} value={v.subject ?? ""} readOnly={!canEdit} onChange={(e) => set(language, "subject", e.target.value)} aria-describedby={`subject-${language}-lint`} />
                  <LintIssues id={`subject-${language}-lint`} issues={forField(language, "subject")} />
                </div>
              ) : null}
              <div className="field">
                <label htmlFor={`body-${language}`}>Text ({language})</label>
                <textarea id={`body-${language}`} name={`body.${language}`} rows={5} value={v.body} readOnly={!canEdit} onChange={(e) => set(language, "body", e.target.value)} aria-describedby={`body-${language}-lint`} />
                <LintIssues id={`body-${language}-lint`} issues={forField(language, "body")} />
              </div>
              <section aria-label={`Preview (${language})`} className="preview">
                <h3>Preview with {valuesFrom}</h3>
                {shown.ok ? <p className="preview-text">{shown.text}</p> : <p className="field-error">Cannot render: {shown.error}</p>}
              </section>
            </div>
          );
        }}
      />
      {canEdit ? (
        <p className="editor-actions">
          <label htmlFor="add-language">Add a language</label>{" "}
          <input id="add-language" value={adding} size={8} onChange={(e) => setAdding(e.target.value.trim())} placeholder="pt-BR" />{" "}
          <button
            type="button"
            disabled={!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(adding) || adding in variants}
            onClick={() => {
              setVariants((v) => ({ ...v, [adding]: { body: "" } }));
              setSelected(adding);
              setAdding("");
            }}
          >
            Add
          </button>{" "}
          <label htmlFor="note">Note</label> <input id="note" name="note" placeholder="What changed" />{" "}
          <button type="submit" name="intent" value="save">
            Save as new draft
          </button>
        </p>
      ) : null}
    </Form>
  );
}
