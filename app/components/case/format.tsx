// Words and times as the case page writes them.

const STATE_LABELS: Record<string, string> = {
  new: "New",
  in_review: "In review",
  waiting_for_info: "Waiting for information",
  awaiting_approval: "Awaiting approval",
  escalated: "Escalated",
  actioned: "Actioned",
  dismissed: "Dismissed",
  closed: "Closed",
};

export function stateLabel(state: string): string {
  return STATE_LABELS[state] ?? state.replace(/_/g, " ");
}

/** A time as Vigil shows it everywhere: UTC, to the minute, machine-readable underneath. */
export function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{iso.slice(0, 16).replace("T", " ")} UTC</time>;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
