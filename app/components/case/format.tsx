// Words and times as the case page writes them.

import { stateLabel } from "~/models/cases/case-event-vocabulary";

export { stateLabel };

/** A time as Vigil shows it everywhere: UTC, to the minute, machine-readable underneath. */
export function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{iso.slice(0, 16).replace("T", " ")} UTC</time>;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
