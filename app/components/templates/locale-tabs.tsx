import type { KeyboardEvent, ReactNode } from "react";
import { useRef } from "react";

// Tabs for a template's languages, following the WAI-ARIA tabs pattern: arrow keys,
// Home and End move between tabs; every panel stays in the form (hidden when not
// selected) so saving posts every language.

type Props = {
  label: string;
  languages: string[];
  selected: string;
  onSelect: (language: string) => void;
  tabLabel: (language: string) => ReactNode;
  panel: (language: string) => ReactNode;
};

export function LocaleTabs({ label, languages, selected, onSelect, tabLabel, panel }: Props) {
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});
  function onKeyDown(event: KeyboardEvent) {
    const at = languages.indexOf(selected);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: languages.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = languages[(to + languages.length) % languages.length];
    onSelect(next);
    tabs.current[next]?.focus();
  }
  return (
    <div className="locale-tabs">
      <div role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {languages.map((language) => (
          <button
            key={language}
            ref={(el) => {
              tabs.current[language] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${language}`}
            aria-selected={language === selected}
            aria-controls={`panel-${language}`}
            tabIndex={language === selected ? 0 : -1}
            onClick={() => onSelect(language)}
          >
            {tabLabel(language)}
          </button>
        ))}
      </div>
      {languages.map((language) => (
        <div key={language} role="tabpanel" id={`panel-${language}`} aria-labelledby={`tab-${language}`} hidden={language !== selected} tabIndex={0}>
          {panel(language)}
        </div>
      ))}
    </div>
  );
}
