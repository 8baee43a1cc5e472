import type { DiagramLayout, PlacedEdge, PlacedNode } from "~/utils/diagram";
import { FONT, LINE_HEIGHT } from "~/utils/diagram";

// Draws a laid-out statechart (diagram-layout.server) as SVG at its natural size, so
// labels stay at 12 px or more; on a narrow screen the figure scrolls inside its own box
// (focusable, so the keyboard can scroll it) and the page never scrolls sideways.

const lh = (size: number) => Math.ceil(size * LINE_HEIGHT);

function edgePath(edge: PlacedEdge): string {
  return edge.points.map((p, i) => `${i ? "L" : "M"} ${Math.round(p.x)} ${Math.round(p.y)}`).join(" ");
}

function NodeShape({ node }: { node: PlacedNode }) {
  const cls = ["diagram-node", `kind-${node.kind}`, node.status ? `status-${node.status}` : "", node.container ? "container" : ""].filter(Boolean).join(" ");
  const cx = node.x + node.width / 2;
  if (node.container) {
    return (
      <g className={cls}>
        <rect x={node.x} y={node.y} width={node.width} height={node.height} rx={8} />
        <text x={node.x + 12} y={node.y + 8 + FONT.container} fontSize={FONT.container} className="container-label">
          {node.lines.join(" ")}
          {node.kind === "parallel" ? " (side by side)" : ""}
        </text>
      </g>
    );
  }
  const textHeight = node.lines.length * lh(FONT.node) + node.noteLines.length * lh(FONT.note);
  const top = node.y + (node.height - textHeight) / 2;
  const shape =
    node.kind === "decision" ? (
      <polygon points={`${cx},${node.y} ${node.x + node.width},${node.y + node.height / 2} ${cx},${node.y + node.height} ${node.x},${node.y + node.height / 2}`} />
    ) : (
      <rect x={node.x} y={node.y} width={node.width} height={node.height} rx={node.kind === "final" ? node.height / 2 : 6} />
    );
  return (
    <g className={cls}>
      {shape}
      {node.status === "done" ? (
        <text x={node.x + node.width - 14} y={node.y + 14} fontSize={FONT.note} className="done-mark" aria-hidden="true">
          ✓
        </text>
      ) : null}
      <text textAnchor="middle">
        {node.lines.map((line, i) => (
          <tspan key={`l${i}`} x={cx} y={top + (i + 0.8) * lh(FONT.node)} fontSize={FONT.node} className="node-label">
            {line}
          </tspan>
        ))}
        {node.noteLines.map((line, i) => (
          <tspan key={`n${i}`} x={cx} y={top + node.lines.length * lh(FONT.node) + (i + 0.8) * lh(FONT.note)} fontSize={FONT.note} className="node-note">
            {line}
          </tspan>
        ))}
      </text>
    </g>
  );
}

export function Statechart({ layout, id, caption }: { layout: DiagramLayout; id: string; caption?: React.ReactNode }) {
  const current = layout.nodes.filter((n) => n.status === "current").map((n) => n.label);
  return (
    <figure className="statechart">
      <div className="statechart-scroll" tabIndex={0} role="group" aria-label={`${layout.title} (scrolls sideways on narrow screens)`}>
        <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="img" aria-labelledby={`${id}-title`}>
          <title id={`${id}-title`}>{`${layout.title}${current.length ? `; now at ${current.join(", ")}` : ""}`}</title>
          <defs>
            <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
            </marker>
            <marker id={`${id}-arrow-now`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="arrow-head now" />
            </marker>
          </defs>
          {layout.nodes.filter((n) => n.container).map((n) => <NodeShape key={n.id} node={n} />)}
          {layout.edges.map((e) => (
            <path key={e.id} d={edgePath(e)} className={`diagram-edge style-${e.style ?? "normal"}${e.now ? " now" : ""}`} markerEnd={`url(#${id}-arrow${e.now ? "-now" : ""})`} />
          ))}
          {layout.nodes.filter((n) => !n.container).map((n) => <NodeShape key={n.id} node={n} />)}
          {/* Labels last, so no state covers them. */}
          {layout.edges.map((e) =>
            e.label ? (
              <text key={e.id} className={`diagram-edge-label${e.now ? " now" : ""}`} fontSize={FONT.edge}>
                {e.label.lines.map((line, i) => (
                  <tspan key={i} x={e.label!.x + 4} y={e.label!.y + 2 + (i + 0.8) * lh(FONT.edge)}>
                    {line}
                  </tspan>
                ))}
              </text>
            ) : null,
          )}
        </svg>
      </div>
      {caption ? <figcaption>{caption}</figcaption> : null}
      <StatechartAsText layout={layout} />
    </figure>
  );
}

/** The same diagram in words: every state, where it stands, and where each transition leads. */
export function StatechartAsText({ layout }: { layout: DiagramLayout }) {
  const label = new Map(layout.nodes.map((n) => [n.id, n.label]));
  const statusWords = { current: " (now)", done: " (done)", idle: "" } as const;
  return (
    <details className="diagram-text">
      <summary>The diagram as a list</summary>
      <ul>
        {layout.nodes
          .filter((n) => !n.container)
          .map((n) => {
            const out = layout.edges.filter((e) => e.source === n.id);
            return (
              <li key={n.id} aria-current={n.status === "current" ? "step" : undefined}>
                <strong>{n.label}</strong>
                {statusWords[n.status ?? "idle"]}
                {n.kind === "final" ? " (an end)" : ""}
                {n.note ? ` — ${n.note}` : ""}
                {out.length ? (
                  <ul>
                    {out.map((e) => (
                      <li key={e.id}>
                        {e.labelText || "then"} → {label.get(e.target)}
                        {e.style === "deadline" ? " (when the deadline passes)" : ""}
                        {e.now ? <strong> — you can do this now</strong> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
      </ul>
    </details>
  );
}
