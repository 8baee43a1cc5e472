import type { Variants } from "~/models/templates/template-render";
import { lineDiff } from "./line-diff";

const MARK = { same: " ", added: "+", removed: "−" } as const;

/** What changed in each language between two versions of a template. */
export function VersionDiff({ before, after, from, to }: { before: Variants; after: Variants; from: number; to: number }) {
  const languages = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const text = (v: Variants, language: string) => [v[language]?.subject, v[language]?.body].filter(Boolean).join("\n");
  return (
    <section aria-label={`Changes from version ${from} to ${to}`}>
      <h2>
        Changes from version {from} to {to}
      </h2>
      {languages.map((language) => {
        const lines = lineDiff(text(before, language), text(after, language));
        if (lines.every((l) => l.kind === "same")) return null;
        return (
          <div key={language}>
            <h3>{language}</h3>
            <pre className="diff">
              {lines.map((l, i) => (
                <div key={i} className={`diff-${l.kind}`}>
                  {MARK[l.kind]} {l.text}
                </div>
              ))}
            </pre>
          </div>
        );
      })}
    </section>
  );
}
