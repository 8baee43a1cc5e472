import { toCsv } from "~/utils/csv";

// The data behind a chart, as people read it in its table and download it as CSV: one row
// per x value (a day, a rule, a language), one column per series.

export type ChartSeries = { key: string; label: string; values: (number | null)[] };
export type ChartData = {
  title: string;
  /** What the chart shows and how to read it; the SVG's description. */
  description: string;
  /** The x values as people say them ("2026-12-01", "Harassment", "Polish"). */
  categories: string[];
  categoryLabel: string;
  series: ChartSeries[];
  /** How a value is written: "42", "93 %", "1 h 5 min". */
  unit?: "count" | "percent" | "minutes";
};

export function formatValue(value: number | null, unit: ChartData["unit"] = "count"): string {
  if (value === null || !Number.isFinite(value)) return "—";
  if (unit === "percent") return `${Math.round(value * 10) / 10} %`;
  if (unit === "minutes") {
    if (value < 60) return `${Math.round(value)} min`;
    const h = Math.floor(value / 60);
    const m = Math.round(value - h * 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  return new Intl.NumberFormat("en").format(Math.round(value * 100) / 100);
}

export function chartCsv(data: ChartData): string {
  return toCsv(
    [data.categoryLabel, ...data.series.map((s) => s.label)],
    data.categories.map((c, i) => [c, ...data.series.map((s) => s.values[i] ?? null)]),
  );
}
