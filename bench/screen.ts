// Text screen against bad-words 4.1.5 on the same generated corpus, in one run:
// throughput of ours, isProfane and clean; English messages bad-words flags that ours
// misses (must be 0); and what ours flags beyond bad-words, and why.
import os from "node:os";
import { Filter } from "bad-words";
import { screenText } from "../app/screen/index";
import type { ScreenHit } from "../app/screen/index";
import { buildCorpus } from "./corpus";

const SIZE = Number(process.env.BENCH_SIZE ?? 12_000);
const CLEAN_SAMPLE = Number(process.env.BENCH_CLEAN_SAMPLE ?? 500);

function timed<T>(run: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = run();
  return { ms: performance.now() - t0, value };
}
const perSecond = (count: number, ms: number) => (count / ms) * 1000;
const fmt = (x: number) => Math.round(x).toLocaleString("en-US");

const corpus = timed(() => buildCorpus(SIZE));
const messages = corpus.value;
const chars = messages.reduce((s, m) => s + m.text.length, 0);
console.log(`corpus: ${fmt(messages.length)} messages, ${fmt(chars / messages.length)} characters on average (generated in ${fmt(corpus.ms)} ms, seeded)`);

const filter = new Filter();
const cold = timed(() => screenText("warm up", null));
console.log(`ours: first call (builds every list into one structure) ${cold.ms.toFixed(1)} ms`);

// Which messages each flags, and one plain timed pass each over all of them: ours after its
// first pass has warmed it up (isProfane keeps no state to warm), and before isProfane's
// garbage is around to be collected on our clock.
const flaggedByUs = messages.map((m) => screenText(m.text, m.language));
const usOnce = timed(() => { for (const m of messages) screenText(m.text, m.language); });
const bwOnce = timed(() => messages.map((m) => filter.isProfane(m.text)));
const flaggedByBadWords = bwOnce.value;

// Throughput on the same sample for both: chunk by chunk, ours and isProfane take turns
// three times, and each chunk counts its fastest time, so a busy machine (other tests
// running) costs neither side more than the other.
const TIMING_SAMPLE = Math.min(messages.length, 3000);
const CHUNK = 250;
const every = Math.max(1, Math.floor(messages.length / TIMING_SAMPLE));
const timing = messages.filter((_, i) => i % every === 0).slice(0, TIMING_SAMPLE);
let oursMs = 0;
let isProfaneMs = 0;
for (let from = 0; from < timing.length; from += CHUNK) {
  const chunk = timing.slice(from, from + CHUNK);
  let ours = Infinity;
  let bw = Infinity;
  for (let run = 0; run < 3; run++) {
    // Ours takes a millisecond or two per chunk: one untimed pass first, so collecting the
    // garbage isProfane left and refilling caches it evicted are not on our clock.
    for (const m of chunk) screenText(m.text, m.language);
    ours = Math.min(ours, timed(() => { for (const m of chunk) screenText(m.text, m.language); }).ms);
    bw = Math.min(bw, timed(() => { for (const m of chunk) filter.isProfane(m.text); }).ms);
  }
  oursMs += ours;
  isProfaneMs += bw;
}

// clean() runs one regular expression per listed word for every word of the text: a fixed
// sample, once.
const step = Math.max(1, Math.floor(messages.length / CLEAN_SAMPLE));
const sample = messages.filter((_, i) => i % step === 0).slice(0, CLEAN_SAMPLE);
const oursOnSample = timed(() => { for (const m of sample) screenText(m.text, m.language); });
const clean = timed(() => { for (const m of sample) filter.clean(m.text); });

const ours = perSecond(timing.length, oursMs);
const bwProfane = perSecond(timing.length, isProfaneMs);
const bwClean = perSecond(sample.length, clean.ms);
console.log("\nthroughput (messages per second)");
console.log(`  ours, screenText           ${fmt(ours).padStart(12)}   (every ${every}th message: ${timing.length}; fastest of 3 per chunk of ${CHUNK})`);
console.log(`  bad-words isProfane        ${fmt(bwProfane).padStart(12)}   (the same messages, the same way)`);
console.log(`  bad-words clean            ${fmt(bwClean).padStart(12)}   (every ${step}th message: ${sample.length}, once; ours on them: ${fmt(perSecond(sample.length, oursOnSample.ms))})`);
console.log(`  ours / isProfane           ${(ours / bwProfane).toFixed(0).padStart(11)}x`);
console.log(`  ours / clean               ${(ours / bwClean).toFixed(0).padStart(11)}x`);
const onceRatio = perSecond(messages.length, usOnce.ms) / perSecond(messages.length, bwOnce.ms);
console.log(`  one plain pass over all ${messages.length}: ours ${fmt(perSecond(messages.length, usOnce.ms))}, isProfane ${fmt(perSecond(messages.length, bwOnce.ms))} (${onceRatio.toFixed(0)}x)`);
console.log(`  (load average when done: ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs)`);

// Misses: bad-words flags, ours does not.
const misses = messages.filter((_, i) => flaggedByBadWords[i] && !flaggedByUs[i].flagged);
const englishMisses = misses.filter((m) => m.language === "en" || m.language === null || m.kind.startsWith("en"));
console.log(`\nEnglish messages bad-words flags and ours misses: ${englishMisses.length} (all messages: ${misses.length})`);
for (const m of misses.slice(0, 5)) console.log(`  MISSED ${JSON.stringify(m.text)}`);

// Beyond: ours flags, bad-words does not. One reason per message, the first that applies.
const badWordsEntries = new Set(filter.list.map((w) => w.toLowerCase()));
const reasonOf = (hits: ScreenHit[]) => {
  if (hits.some((h) => h.list !== "en")) return "another language's list (naughty-words)";
  if (hits.some((h) => !badWordsEntries.has(h.word.toLowerCase()))) return "naughty-words' English entries";
  return "normalisation (case, NFKC, accents, invisible characters, disguises, spacing)";
};
const beyond = new Map<string, { count: number; examples: string[] }>();
messages.forEach((m, i) => {
  if (flaggedByBadWords[i] || !flaggedByUs[i].flagged) return;
  const reason = reasonOf(flaggedByUs[i].hits);
  const r = beyond.get(reason) ?? { count: 0, examples: [] };
  r.count++;
  if (r.examples.length < 3) {
    const h = flaggedByUs[i].hits[0];
    r.examples.push(`${JSON.stringify(h.match)} as ${h.list}:${JSON.stringify(h.word)} (${m.kind}, language ${m.language ?? "none"})`);
  }
  beyond.set(reason, r);
});
const beyondTotal = [...beyond.values()].reduce((s, r) => s + r.count, 0);
console.log(`\nmessages ours flags beyond bad-words: ${beyondTotal}`);
for (const [reason, r] of [...beyond].sort((a, b) => b[1].count - a[1].count)) {
  console.log(`  ${String(r.count).padStart(6)}  ${reason}`);
  for (const e of r.examples) console.log(`          e.g. ${e}`);
}

// By kind of message: how often each flags it.
const kinds = new Map<string, { n: number; bw: number; ours: number }>();
messages.forEach((m, i) => {
  const kind = m.kind.replace(/ \(.*\)$/, "");
  const k = kinds.get(kind) ?? { n: 0, bw: 0, ours: 0 };
  k.n++;
  if (flaggedByBadWords[i]) k.bw++;
  if (flaggedByUs[i].flagged) k.ours++;
  kinds.set(kind, k);
});
console.log("\nflagged by kind of message      messages   bad-words        ours");
const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)}%`.padStart(8);
for (const [kind, k] of [...kinds].sort()) {
  console.log(`  ${kind.padEnd(28)} ${String(k.n).padStart(8)}  ${pct(k.bw, k.n)}    ${pct(k.ours, k.n)}`);
}

if (englishMisses.length > 0) process.exitCode = 1;
