import { useState } from "react";

// Download the log as NDJSON (verifiable offline) or CSV, with the explorer's filters.
// Without JavaScript each is a plain link; with it, the page reads the stream itself and
// shows how far the download has come, then hands the file over.

type Progress = { format: string; received: number; total: number | null; done: boolean; error?: string };

export function ExportLinks({ query }: { query: URLSearchParams }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const href = (format: string) => `/audit/export?${new URLSearchParams([...query, ["format", format]])}`;

  async function download(event: React.MouseEvent<HTMLAnchorElement>, format: string) {
    if (!window.ReadableStream || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    setProgress({ format, received: 0, total: null, done: false });
    try {
      const response = await fetch(href(format));
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? `The export failed (${response.status}).`);
      }
      const total = Number(response.headers.get("X-Vigil-Entries") ?? NaN);
      const reader = response.body.getReader();
      const parts: Uint8Array[] = [];
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (const byte of value) if (byte === 10) lines += 1;
        // The first line is the header (NDJSON) or the column names (CSV).
        setProgress({ format, received: Math.max(0, lines - 1), total: Number.isFinite(total) ? total : null, done: false });
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? `vigil-audit.${format}`;
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: response.headers.get("Content-Type") ?? "application/octet-stream" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setProgress((p) => p && { ...p, done: true });
    } catch (error) {
      setProgress({ format, received: 0, total: null, done: true, error: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <div className="audit-export">
      <span>Export these entries:</span>{" "}
      <a href={href("ndjson")} download onClick={(e) => download(e, "ndjson")}>
        NDJSON (verifiable offline)
      </a>{" "}
      ·{" "}
      <a href={href("csv")} download onClick={(e) => download(e, "csv")}>
        CSV
      </a>
      {progress ? (
        <p role="status" className="hint">
          {progress.error
            ? progress.error
            : progress.done
              ? `Downloaded ${progress.received.toLocaleString("en")} entries as ${progress.format.toUpperCase()}.`
              : `Downloading ${progress.format.toUpperCase()}: ${progress.received.toLocaleString("en")}${progress.total !== null ? ` of ${progress.total.toLocaleString("en")}` : ""} entries…`}
          {progress.total && !progress.done ? <progress max={progress.total} value={progress.received} aria-label="Export progress" /> : null}
        </p>
      ) : null}
    </div>
  );
}
