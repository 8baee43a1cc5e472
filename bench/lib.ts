import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

/** A fresh, migrated SQLite file for a benchmark; DATABASE_URL points at it. */
export function freshDatabase(name: string): string {
  const file = path.join(root, `data/bench/${name}.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  execFileSync(process.execPath, [path.join(root, "scripts/setup.mjs"), "--quiet", "--no-seed"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.env.DATABASE_URL = `file:${file}`;
  // The app's client opens on first use from DATABASE_URL: drop one opened on another file.
  void globalThis.__vigilPrisma?.$disconnect();
  globalThis.__vigilPrisma = undefined;
  return file;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i];
}

export function summarise(label: string, samplesMs: number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const total = samplesMs.reduce((a, b) => a + b, 0);
  return {
    label,
    n: samplesMs.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: total / samplesMs.length,
    totalS: total / 1000,
  };
}

export function printTable(rows: ReturnType<typeof summarise>[]) {
  const f = (n: number) => n.toFixed(3).padStart(9);
  console.log(`${"".padEnd(44)} ${"n".padStart(7)} ${"p50 ms".padStart(9)} ${"p95 ms".padStart(9)} ${"p99 ms".padStart(9)} ${"mean ms".padStart(9)}`);
  for (const r of rows) console.log(`${r.label.padEnd(44)} ${String(r.n).padStart(7)} ${f(r.p50)} ${f(r.p95)} ${f(r.p99)} ${f(r.mean)}`);
}

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}
