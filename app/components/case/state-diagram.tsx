import { Statechart } from "~/components/diagram/statechart";
import type { CasePage } from "~/models/cases/case-view.server";
import { stateLabel } from "./format";

// The triage machine as the case page draws it: every state and transition read from the
// machine, laid out on the server, the current state filled and named, and the
// transitions the viewer may take now drawn bold. The list below the figure says the same.

export function StateDiagram({ statechart, state }: { statechart: CasePage["statechart"]; state: string }) {
  if (!statechart) return null;
  return (
    <section aria-labelledby="diagram-heading">
      <h2 id="diagram-heading">State diagram</h2>
      <Statechart
        layout={statechart}
        id="triage-diagram"
        caption={
          <>
            Current state: <strong>{stateLabel(state)}</strong>. Bold arrows are what you can do now; dashed ones happen when a deadline passes.
          </>
        }
      />
    </section>
  );
}
