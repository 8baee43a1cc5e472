import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import type { ChartData } from "./chart-data";
import { formatValue } from "./chart-data";
import { ChartFrame } from "./chart-frame";
import { markerPath, styleOf } from "./palette";

// A value over time (one point per day or hour), one line per series, drawn on the
// server: d3 computes scales and paths, React writes the SVG, no script runs.

const W = 640;
const H = 260;
const M = { top: 16, right: 20, bottom: 40, left: 56 };

/** At most `max` evenly spaced labels along the x axis, always the first and last. */
export function tickCategories(categories: readonly string[], max = 6): string[] {
  if (categories.length <= max) return [...categories];
  const step = (categories.length - 1) / (max - 1);
  return [...new Set(Array.from({ length: max }, (_, i) => categories[Math.round(i * step)]))];
}

export function LineChart({ id, data, csvHref }: { id: string; data: ChartData; csvHref?: string }) {
  const x = scalePoint<string>().domain(data.categories).range([M.left, W - M.right]).padding(0.3);
  const all = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const y = scaleLinear()
    .domain([0, Math.max(1, ...all)])
    .nice()
    .range([H - M.bottom, M.top]);
  const ticks = y.ticks(5);
  return (
    <ChartFrame id={id} data={data} csvHref={csvHref}>
      <svg viewBox={`0 0 ${W} ${H}`} className="chart-svg" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{data.title}</title>
        <desc id={`${id}-desc`}>{data.description}</desc>
        {ticks.map((t) => (
          <g key={t} className="grid">
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text x={M.left - 8} y={y(t)} textAnchor="end" dominantBaseline="middle">
              {formatValue(t, data.unit)}
            </text>
          </g>
        ))}
        {tickCategories(data.categories).map((c) => (
          <text key={c} x={x(c)} y={H - M.bottom + 20} textAnchor="middle" className="axis-label">
            {c}
          </text>
        ))}
        {data.series.map((s, i) => {
          const style = styleOf(i);
          const points = data.categories.map((c, j) => ({ x: x(c) ?? 0, v: s.values[j] ?? null }));
          const path = line<{ x: number; v: number | null }>()
            .defined((p) => p.v !== null)
            .x((p) => p.x)
            .y((p) => y(p.v ?? 0))(points);
          return (
            <g key={s.key} className="series">
              <path d={path ?? ""} fill="none" stroke={style.color} strokeWidth={2.5} strokeDasharray={style.dash || undefined} />
              {points.length <= 45
                ? points.map((p, j) =>
                    p.v === null ? null : (
                      <path key={j} d={markerPath(style.marker, p.x, y(p.v))} fill={style.marker === "cross" ? "none" : style.color} stroke={style.color} strokeWidth={1.5}>
                        <title>{`${s.label}, ${data.categories[j]}: ${formatValue(p.v, data.unit)}`}</title>
                      </path>
                    ),
                  )
                : null}
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}
