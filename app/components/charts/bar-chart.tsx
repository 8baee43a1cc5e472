import { scaleBand, scaleLinear } from "d3-scale";
import type { ChartData } from "./chart-data";
import { formatValue } from "./chart-data";
import { ChartFrame } from "./chart-frame";
import { styleOf } from "./palette";

// Amounts by category (rule, language, source, age band) as horizontal bars, so long
// names read without rotating; a second series (the previous period) is hatched, not
// only coloured, and every bar carries its number.

const W = 640;
const M = { top: 8, right: 64, bottom: 8, left: 170 };
const BAR = 18;

export function BarChart({ id, data, csvHref }: { id: string; data: ChartData; csvHref?: string }) {
  const perCategory = data.series.length * BAR + 10;
  const H = M.top + M.bottom + Math.max(1, data.categories.length) * perCategory;
  const band = scaleBand<string>().domain(data.categories).range([M.top, H - M.bottom]).paddingInner(0.15);
  const max = Math.max(1, ...data.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const x = scaleLinear().domain([0, max]).nice().range([M.left, W - M.right]);
  const inner = scaleBand<string>()
    .domain(data.series.map((s) => s.key))
    .range([0, band.bandwidth()])
    .paddingInner(0.1);
  return (
    <ChartFrame id={id} data={data} csvHref={csvHref}>
      <svg viewBox={`0 0 ${W} ${H}`} className="chart-svg" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{data.title}</title>
        <desc id={`${id}-desc`}>{data.description}</desc>
        <defs>
          {data.series.map((s, i) => (
            <pattern key={s.key} id={`${id}-hatch-${i}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#fff" />
              <line x1="0" y1="0" x2="0" y2="6" stroke={styleOf(i).color} strokeWidth="3" />
            </pattern>
          ))}
        </defs>
        {data.categories.map((c, j) => (
          <g key={c}>
            <text x={M.left - 8} y={(band(c) ?? 0) + band.bandwidth() / 2} textAnchor="end" dominantBaseline="middle" className="axis-label">
              {c.length > 24 ? `${c.slice(0, 23)}…` : c}
            </text>
            {data.series.map((s, i) => {
              const v = s.values[j] ?? null;
              const top = (band(c) ?? 0) + (inner(s.key) ?? 0);
              const width = v === null ? 0 : Math.max(0, x(v) - M.left);
              return (
                <g key={s.key}>
                  <rect x={M.left} y={top} width={width} height={inner.bandwidth()} fill={i === 0 ? styleOf(i).color : `url(#${id}-hatch-${i})`} stroke={styleOf(i).color}>
                    <title>{`${s.label}, ${c}: ${formatValue(v, data.unit)}`}</title>
                  </rect>
                  <text x={M.left + width + 6} y={top + inner.bandwidth() / 2} dominantBaseline="middle" className="bar-value">
                    {formatValue(v, data.unit)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </ChartFrame>
  );
}
