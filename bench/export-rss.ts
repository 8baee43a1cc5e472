// Part of `npm run bench:dashboard`: streams the audit log through the /audit/export loader,
// signed in as leadership, up to the time given (about 1,000,000 entries), reading the
// response as a browser would, and prints this process's RSS before and at its peak.
import { loader } from "~/routes/audit.export";
import { loginAs } from "../test/http";

const through = process.argv[2];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const browser = await loginAs("leadership@example.com");
globalThis.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const started = performance.now();
const request = new Request(`http://vigil.test/audit/export?${new URLSearchParams({ format: "ndjson", to: through.slice(0, 19) })}`, { headers: { Cookie: browser.cookie } });
const response = await loader({ request, params: {}, context: { clientIp: "127.0.0.1", requestId: "bench-export" } });
const entries = Number(response.headers.get("X-Vigil-Entries"));
const reader = response.body!.getReader();
let bytes = 0;
let lines = 0;
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.length;
  for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
}
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const seconds = (performance.now() - started) / 1000;
if (lines !== entries + 1) throw new Error(`the export promised ${entries} entries and held ${lines - 1}`);
console.log(`Audit export (NDJSON, /audit/export loader): ${entries.toLocaleString("en")} entries, ${mb(bytes)} in ${seconds.toFixed(1)} s`);
console.log(`server process RSS: ${mb(before)} before the export, peak ${mb(peak)} while streaming it (+${mb(peak - before)} for a ${mb(bytes)} file)`);
process.exit(0);
