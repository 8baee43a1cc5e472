import { Form, Link } from "@remix-run/react";
import { Field, SelectField } from "~/components/form-field";
import type { MessageLogFilters, MessageLogView } from "~/models/messages/message-log.server";
import { CHANNELS, CHANNEL_LABELS } from "~/models/templates/template-purposes";

// The message log's filters as a plain GET form: works without JavaScript, and every
// choice stays in the address, so a filtered log can be bookmarked, shared and paged.

export const DELIVERY_LABELS = { queued: "Queued", retrying: "Retrying", delivered: "Delivered", failed: "Failed" } as const;

const PARAMS = { caseRef: "case", channel: "channel", language: "language", template: "template", delivery: "delivery" } as const;

/** The log's address for these filters, on the page a cursor names (or the newest). */
export function messageLogHref(filters: Omit<MessageLogFilters, "older" | "newer">, page: { older?: string; newer?: string } = {}): string {
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries(PARAMS)) {
    const value = filters[key as keyof typeof PARAMS];
    if (value) params.set(name, value);
  }
  if (page.older) params.set("older", page.older);
  else if (page.newer) params.set("newer", page.newer);
  const query = params.toString();
  return query ? `/messages?${query}` : "/messages";
}

/** The options, plus the chosen value even when no template offers it any more. */
const withChosen = (values: string[], chosen: string | undefined) => (chosen && !values.includes(chosen) ? [...values, chosen] : values);

export function MessageLogFiltersForm({ filters, options }: { filters: Omit<MessageLogFilters, "older" | "newer">; options: MessageLogView["options"] }) {
  const languageName = new Map(options.languages.map((l) => [l.code, l.name]));
  return (
    <Form method="get" action="/messages" className="filters message-log-filters" aria-label="Filter the message log">
      <Field label="Case" name="case" defaultValue={filters.caseRef ?? ""} placeholder="C-…" size={12} />
      <SelectField label="Channel" name="channel" defaultValue={filters.channel ?? ""}>
        <option value="">Any channel</option>
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {CHANNEL_LABELS[c]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Language" name="language" defaultValue={filters.language ?? ""}>
        <option value="">Any language</option>
        {withChosen(
          options.languages.map((l) => l.code),
          filters.language,
        ).map((code) => (
          <option key={code} value={code}>
            {languageName.get(code) && languageName.get(code) !== code ? `${languageName.get(code)} (${code})` : code}
          </option>
        ))}
      </SelectField>
      <SelectField label="Template" name="template" defaultValue={filters.template ?? ""}>
        <option value="">Any template</option>
        {withChosen(options.templates, filters.template).map((key) => (
          <option key={key} value={key}>
            {key}
          </option>
        ))}
      </SelectField>
      <SelectField label="Delivery" name="delivery" defaultValue={filters.delivery ?? ""}>
        <option value="">Any state</option>
        {Object.entries(DELIVERY_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <div className="filter-buttons">
        <button type="submit" className="secondary">
          Apply filters
        </button>{" "}
        <Link to="/messages">Clear filters</Link>
      </div>
    </Form>
  );
}
