import { Form, Link } from "@remix-run/react";
import { EscalationFilters } from "~/components/escalation/queue-sla";
import { SelectField } from "~/components/form-field";
import { BAND_LABELS, SLA_LABELS, stateLabel } from "./format";
import type { QueueData } from "./types";

// The queue's filters as a plain GET form: works without JavaScript, and every choice
// stays in the address, so a filtered queue can be bookmarked and shared. Each option
// shows how many cases it would list with the other filters as they are.

type Option = { value: string; label: string; count: number };

/** Options that occur, plus the chosen one even when nothing matches it now. */
function withChosen(options: Option[], chosen: string | undefined, label: (value: string) => string): Option[] {
  return chosen && !options.some((o) => o.value === chosen) ? [...options, { value: chosen, label: label(chosen), count: 0 }] : options;
}

function fromRecord(counts: Record<string, number>, label: (value: string) => string): Option[] {
  return Object.entries(counts).map(([value, count]) => ({ value, label: label(value), count }));
}

function Choice({ label, name, any, options, chosen }: { label: string; name: string; any: string; options: Option[]; chosen?: string }) {
  return (
    <SelectField label={label} name={name} defaultValue={chosen ?? ""}>
      <option value="">{any}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {`${o.label} (${o.count})`}
        </option>
      ))}
    </SelectField>
  );
}

export function QueueFiltersForm({ data }: { data: QueueData }) {
  const { filters, counts, ruleTitles, languageNames } = data;
  const rule = (code: string) => ruleTitles[code] ?? code;
  const language = (code: string) => languageNames[code] ?? code;
  const rules = counts.rule.map((r) => ({ value: r.value, label: rule(r.value), count: r.count }));
  const languages = counts.language.map((l) => ({ value: l.value, label: language(l.value), count: l.count }));
  return (
    <Form method="get" action="/queue" className="filters queue-filters" aria-label="Filter the queue">
      <SelectField label="Sort" name="sort" defaultValue={filters.sort}>
        <option value="priority">Highest priority first</option>
        <option value="age">Waiting longest first</option>
      </SelectField>
      <Choice label="State" name="state" any="Any open state" options={fromRecord(counts.state, stateLabel)} chosen={filters.state} />
      <Choice label="Rule" name="rule" any="Any rule" options={withChosen(rules, filters.rule, rule)} chosen={filters.rule} />
      <Choice label="Language" name="language" any="Any language" options={withChosen(languages, filters.language, language)} chosen={filters.language} />
      <Choice label="Priority" name="band" any="Any priority" options={fromRecord(counts.band, (b) => BAND_LABELS[b] ?? b)} chosen={filters.band} />
      <Choice
        label="Held by"
        name="assignee"
        any="Anyone or no one"
        options={[
          { value: "mine", label: "Me", count: counts.assignee.mine },
          { value: "unassigned", label: "No one", count: counts.assignee.unassigned },
        ]}
        chosen={filters.assignee}
      />
      <Choice label="Waiting" name="sla" any="Any time" options={fromRecord(counts.sla, (a) => SLA_LABELS[a] ?? a)} chosen={filters.sla} />
      <EscalationFilters filters={filters} tiers={data.tiers} />
      <div className="filter-buttons">
        <button type="submit" className="secondary">
          Apply filters
        </button>{" "}
        <Link to={`/queue?sort=${filters.sort}`}>Clear filters</Link>
      </div>
    </Form>
  );
}
