import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { BarChart } from "~/components/charts/bar-chart";
import type { ChartData } from "~/components/charts/chart-data";
import { chartCsv, formatValue } from "~/components/charts/chart-data";
import { LineChart, tickCategories } from "~/components/charts/line-chart";
import { csvField } from "~/utils/csv";

// Charts render on the server with no DOM: what a reader gets without JavaScript.

const daily: ChartData = {
  title: "Reports received per day",
  description: "Reports received each day this period, beside the same day of the period before.",
  categories: ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"],
  categoryLabel: "Day",
  series: [
    { key: "now", label: "This period", values: [12, 30, null, 7] },
    { key: "before", label: "Previous period", values: [10, 11, 9, 8] },
  ],
};

const byRule: ChartData = {
  title: "Reports by rule",
  description: "How many reports named each rule.",
  categories: ["Harassment", "Spam or self-promotion", "=HYPERLINK(\"x\")"],
  categoryLabel: "Rule",
  series: [{ key: "now", label: "Reports", values: [40, 12, 1] }],
};

const render = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(el);

describe("the line chart", () => {
  const html = render(createElement(LineChart, { id: "reports", data: daily, csvHref: "/dashboard/reports.csv" }));

  it("is an image with the chart's title and description, and no broken coordinates", () => {
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="reports-title reports-desc"/);
    expect(html).toContain('<title id="reports-title">Reports received per day</title>');
    expect(html).toContain("beside the same day of the period before");
    expect(html).not.toMatch(/NaN|undefined/);
  });

  it("tells series apart by dash and marker as well as colour, and names them in a legend", () => {
    const dashes = [...html.matchAll(/<path d="M[^"]*" fill="none" stroke="[^"]+" stroke-width="2.5"( stroke-dasharray="([^"]+)")?/g)].map((m) => m[2] ?? "solid");
    expect(new Set(dashes).size).toBe(2);
    expect(html).toMatch(/chart-legend[\s\S]*This period[\s\S]*Previous period/);
  });

  it("leaves a gap where a day has no value, rather than drawing it as zero", () => {
    expect(html).not.toContain("This period, 2026-12-03");
    expect(html).toContain("This period, 2026-12-04: 7");
  });

  it("offers the numbers as a table and as CSV", () => {
    expect(html).toContain("<summary>Show the data as a table</summary>");
    expect(html).toContain('<th scope="row">2026-12-02</th><td data-label="This period">30</td><td data-label="Previous period">11</td>');
    expect(html).toContain('href="/dashboard/reports.csv"');
    expect(chartCsv(daily)).toBe("Day,This period,Previous period\r\n2026-12-01,12,10\r\n2026-12-02,30,11\r\n2026-12-03,,9\r\n2026-12-04,7,8\r\n");
  });

  it("labels at most six days along the axis, always the first and the last", () => {
    const days = Array.from({ length: 90 }, (_, i) => `d${i}`);
    const ticks = tickCategories(days);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks[0]).toBe("d0");
    expect(ticks.at(-1)).toBe("d89");
  });
});

describe("the bar chart", () => {
  it("writes each bar's number beside it and escapes what it is given", () => {
    const html = render(createElement(BarChart, { id: "rules", data: byRule }));
    expect(html).toContain("Spam or self-promotion");
    expect(html).toMatch(/class="bar-value"[^>]*>40</);
    expect(html).toContain("=HYPERLINK(&quot;x&quot;)");
    expect(html).not.toMatch(/NaN|undefined/);
  });

  it("hatches the second series so it reads without colour", () => {
    const html = render(createElement(BarChart, { id: "cmp", data: { ...byRule, series: [...byRule.series, { key: "before", label: "Before", values: [30, 20, 0] }] } }));
    expect(html).toContain('fill="url(#cmp-hatch-1)"');
  });
});

describe("CSV", () => {
  it("quotes what needs quoting and neutralises formulas from members' text", () => {
    expect(csvField('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("-1")).toBe("'-1");
    expect(csvField(-1)).toBe("-1");
    expect(csvField(null)).toBe("");
    expect(chartCsv(byRule)).toContain("\"'=HYPERLINK(\"\"x\"\")\",1");
  });

  it("writes minutes and percentages as people read them", () => {
    expect(formatValue(42, "minutes")).toBe("42 min");
    expect(formatValue(125, "minutes")).toBe("2 h 5 min");
    expect(formatValue(93.456, "percent")).toBe("93.5 %");
    expect(formatValue(null)).toBe("—");
  });
});
