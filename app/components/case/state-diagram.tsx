import type { CasePage } from "~/models/case-page.server";
import { NODE_H, NODE_W, layoutDiagram } from "./diagram-layout";
import { stateLabel } from "./format";

// The triage machine as the case page draws it: every state and transition read from
// the machine (triageDiagram), the current state filled and named, and the transitions
// the viewer may take now drawn bold and labelled. A list below says the same in text.

const eventWords = (event: string) => event.toLowerCase().replace(/_/g, " ");

function DiagramAsText({ diagram }: { diagram: NonNullable<CasePage["diagram"]> }) {
  return (
    <details className="diagram-text">
      <summary>The diagram as a list</summary>
      <ul>
        {diagram.nodes.map((n) => (
          <li key={n.id} aria-current={n.current ? "step" : undefined}>
            <strong>{stateLabel(n.id)}</strong>
            {n.current ? " (current state)" : ""}
            {n.initial ? " (where every case starts)" : ""}
            {n.resolved ? " (resolved)" : ""}
            <ul>
              {diagram.edges
                .filter((e) => e.source === n.id)
                .map((e) => (
                  <li key={e.id}>
                    {eventWords(e.event)} → {e.target === e.source ? "stays" : stateLabel(e.target)}
                    {e.guard ? <span className="hint"> (when {e.guard})</span> : null}
                    {e.allowedNow ? <strong> — you can do this now</strong> : null}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function StateDiagram({ diagram, state }: { diagram: CasePage["diagram"]; state: string }) {
  if (!diagram) return null;
  const layout = layoutDiagram(diagram.nodes, diagram.edges);
  const loops = (id: string) => [...new Set(diagram.edges.filter((e) => e.source === id && e.target === id && e.allowedNow).map((e) => eventWords(e.event)))];
  return (
    <section aria-labelledby="diagram-heading">
      <h2 id="diagram-heading">State diagram</h2>
      <figure className="state-diagram">
        <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby="diagram-title" width="100%">
          <title id="diagram-title">{`Triage state diagram; current state: ${stateLabel(state).toLowerCase()}`}</title>
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
            </marker>
            <marker id="arrow-now" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="arrow-head now" />
            </marker>
          </defs>
          {layout.arrows.map((a) => (
            <g key={a.id} className={a.allowedEvents.length ? "edge now" : "edge"}>
              <path d={a.path} markerEnd={a.allowedEvents.length ? "url(#arrow-now)" : "url(#arrow)"}>
                <title>{`${a.events.map(eventWords).join(", ")}: ${stateLabel(a.source)} → ${stateLabel(a.target)}`}</title>
              </path>
            </g>
          ))}
          {layout.nodes.map((n) => (
            <g key={n.id} className={["node", n.current ? "current" : "", n.resolved ? "resolved" : ""].join(" ").trim()}>
              <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={n.resolved ? 18 : 6} />
              <text x={n.x + NODE_W / 2} y={n.y + NODE_H / 2} dominantBaseline="central" textAnchor="middle">
                {stateLabel(n.id)}
              </text>
              {n.current ? (
                <text x={n.x + NODE_W / 2} y={n.y - 6} textAnchor="middle" className="current-label">
                  current state
                </text>
              ) : null}
              {loops(n.id).length ? (
                <text x={n.x + NODE_W / 2} y={n.y + NODE_H + 14} textAnchor="middle" className="edge-label">
                  ↻ {loops(n.id).join(" / ")}
                </text>
              ) : null}
            </g>
          ))}
          {/* Labels last, so no state box covers them. */}
          {layout.arrows
            .filter((a) => a.allowedEvents.length)
            .map((a) => (
              <text key={a.id} x={a.labelAt.x} y={a.labelAt.y} textAnchor="middle" className="edge-label">
                {a.allowedEvents.map(eventWords).join(" / ")}
              </text>
            ))}
        </svg>
        <figcaption>
          Current state: <strong>{stateLabel(state)}</strong>. Bold arrows are what you can do now.
        </figcaption>
      </figure>
      <DiagramAsText diagram={diagram} />
    </section>
  );
}
