import type { CasePage } from "~/models/cases/case-view.server";

// Why the case sits where it does in the queue: each factor, its value, its points.

export function PriorityBreakdown({ priority, breakdown }: Pick<CasePage, "priority" | "breakdown">) {
  return (
    <section aria-labelledby="priority-heading">
      <h2 id="priority-heading">Priority {priority}</h2>
      <table aria-labelledby="priority-heading">
        <thead>
          <tr>
            <th scope="col">Factor</th>
            <th scope="col">Value</th>
            <th scope="col">Points</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {breakdown.map((f) => (
            <tr key={f.factor}>
              <th scope="row">{f.factor}</th>
              <td>{f.value}</td>
              <td>{f.points}</td>
              <td>{f.explanation}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td />
            <td>{priority}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
