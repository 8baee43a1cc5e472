import type { ReactNode } from "react";
import type { ChartData } from "./chart-data";
import { formatValue } from "./chart-data";
import { markerPath, styleOf } from "./palette";

// What every chart has besides its picture: a heading, a sentence saying what it shows,
// a legend that names each series by colour, dash and marker, the numbers as a table on
// request, and the same numbers as CSV to download.

function LegendKey({ index }: { index: number }) {
  const s = styleOf(index);
  return (
    <svg width="34" height="14" aria-hidden="true" className="legend-key">
      <line x1="2" y1="7" x2="32" y2="7" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dash || undefined} />
      <path d={markerPath(s.marker, 17, 7)} fill={s.marker === "cross" ? "none" : s.color} stroke={s.color} strokeWidth="1.5" />
    </svg>
  );
}

export function ChartFrame({ id, data, csvHref, children }: { id: string; data: ChartData; csvHref?: string; children: ReactNode }) {
  return (
    <figure className="chart" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{data.title}</h3>
      <p className="chart-description">{data.description}</p>
      {children}
      {data.series.length > 1 ? (
        <ul className="chart-legend">
          {data.series.map((s, i) => (
            <li key={s.key}>
              <LegendKey index={i} /> {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <details className="chart-table">
        <summary>Show the data as a table</summary>
        <div className="table-scroll">
          <table>
            <caption>{data.title}</caption>
            <thead>
              <tr>
                <th scope="col">{data.categoryLabel}</th>
                {data.series.map((s) => (
                  <th key={s.key} scope="col">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.categories.map((c, i) => (
                <tr key={c}>
                  <th scope="row">{c}</th>
                  {data.series.map((s) => (
                    <td key={s.key} data-label={s.label}>
                      {formatValue(s.values[i] ?? null, data.unit)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {csvHref ? (
        <a href={csvHref} download className="chart-csv">
          Download “{data.title}” as CSV
        </a>
      ) : null}
    </figure>
  );
}
