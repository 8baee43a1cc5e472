// Series are told apart three ways, so a chart reads in greyscale and with any colour
// vision: colour (Okabe and Ito's palette), line dash, and the marker's shape.

export const SERIES_STYLES = [
  { color: "#0b5cad", dash: "", marker: "circle" },
  { color: "#b35806", dash: "6 3", marker: "square" },
  { color: "#1a7f37", dash: "2 3", marker: "triangle" },
  { color: "#6a3d9a", dash: "10 3 2 3", marker: "diamond" },
  { color: "#57606a", dash: "1 2", marker: "cross" },
] as const;

export type SeriesStyle = (typeof SERIES_STYLES)[number];

export const styleOf = (index: number): SeriesStyle => SERIES_STYLES[index % SERIES_STYLES.length];

export function markerPath(marker: SeriesStyle["marker"], x: number, y: number, r = 4): string {
  switch (marker) {
    case "circle":
      return `M ${x - r} ${y} a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0`;
    case "square":
      return `M ${x - r} ${y - r} h ${2 * r} v ${2 * r} h ${-2 * r} z`;
    case "triangle":
      return `M ${x} ${y - r - 1} L ${x + r + 1} ${y + r} L ${x - r - 1} ${y + r} z`;
    case "diamond":
      return `M ${x} ${y - r - 1} L ${x + r + 1} ${y} L ${x} ${y + r + 1} L ${x - r - 1} ${y} z`;
    case "cross":
      return `M ${x - r} ${y - r} L ${x + r} ${y + r} M ${x - r} ${y + r} L ${x + r} ${y - r}`;
  }
}
