// `npm run audit:verify`: checks the whole audit chain of the database named by
// DATABASE_URL. Exits 0 when intact, 1 naming the first entry that is not, and 2
// when the check could not run.
//
// `npm run audit:verify -- --file export.ndjson [--head <hash>] [--checkpoint <file>]`
// checks an export offline, with nothing but the file: every entry's hash, every link
// between consecutive entries, and, if given, a head hash or a signed checkpoint (the
// JSON of /.well-known/vigil-audit, or one checkpoint with its key) the auditor kept.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { FileCheckOptions } from "~/models/audit/audit-file";
import { verifyExportLines } from "~/models/audit/audit-file";
import { verifyAuditChain } from "~/models/audit/audit-verify.server";
import { createDb, sqlitePath } from "~/utils/db.server";

const { values } = parseArgs({ options: { file: { type: "string" }, head: { type: "string" }, checkpoint: { type: "string" } } });

/** The file's lines, a block at a time: an export of millions of entries is never held whole. */
function* readLines(file: string): Generator<string> {
  const fd = fs.openSync(file, "r");
  const block = Buffer.alloc(1 << 20);
  let rest = "";
  try {
    for (let n = fs.readSync(fd, block); n > 0; n = fs.readSync(fd, block)) {
      const lines = (rest + block.toString("utf8", 0, n)).split("\n");
      rest = lines.pop() ?? "";
      yield* lines;
    }
    if (rest) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

const Key = z.object({ algorithm: z.literal("Ed25519"), keyId: z.string(), publicKey: z.string() });
const Cp = z.object({ seq: z.number().int().positive(), hash: z.string(), at: z.string(), keyId: z.string(), signature: z.string() });
const CheckpointFile = z.union([z.object({ key: Key, checkpoints: z.array(Cp).min(1) }), z.object({ key: Key, checkpoint: Cp })]);

/** The checkpoint to check against: the newest one the file reaches. */
function checkpointFor(file: string, source: string): FileCheckOptions["checkpoint"] {
  const parsed = CheckpointFile.parse(JSON.parse(fs.readFileSync(source, "utf8")));
  if ("checkpoint" in parsed) return { key: parsed.key, checkpoint: parsed.checkpoint };
  let last = 0;
  for (const line of readLines(file)) {
    const seq = /"seq":(\d+)/.exec(line)?.[1];
    if (seq && !line.includes('"vigilAuditExport"')) last = Math.max(last, Number(seq));
  }
  const reached = parsed.checkpoints.filter((c) => c.seq <= last).sort((a, b) => b.seq - a.seq)[0];
  if (!reached) throw new Error(`the export ends at entry ${last}, before every checkpoint in ${source}`);
  return { key: parsed.key, checkpoint: reached };
}

async function checkFile(file: string) {
  if (!fs.existsSync(file)) {
    console.error(`could not check the export: there is no file ${file}`);
    process.exit(2);
  }
  let options: FileCheckOptions;
  try {
    options = { head: values.head, checkpoint: values.checkpoint ? checkpointFor(file, values.checkpoint) : undefined };
  } catch (error) {
    console.error(`could not read the checkpoint: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  const result = verifyExportLines(readLines(file), options);
  if (result.ok) {
    const range = result.firstSeq === null ? "no entries" : `entries ${result.firstSeq}–${result.lastSeq}`;
    const against = [options.head ? "the known head" : "", options.checkpoint ? `the checkpoint at entry ${options.checkpoint.checkpoint.seq} (${options.checkpoint.checkpoint.at})` : ""].filter(Boolean);
    console.log(`verified ${result.entries} entries (${range})${against.length ? `, matching ${against.join(" and ")}` : ""}`);
    for (const note of result.notes) console.log(`note: ${note}`);
  } else {
    console.error(`export does not verify: ${result.reason}`);
    process.exitCode = 1;
  }
}

async function checkDatabase() {
  const url = process.env.DATABASE_URL ?? "file:./data/vigil.db";
  if (url.startsWith("file:") && !fs.existsSync(sqlitePath(url))) {
    // Opening a missing SQLite file would create an empty one.
    console.error(`could not check the audit chain: there is no database at ${sqlitePath(url)}`);
    process.exit(2);
  }
  const db = createDb(url);
  try {
    const result = await verifyAuditChain(db);
    if (result.ok) {
      console.log(`verified ${result.count} entries`);
    } else {
      console.error(`audit chain broken: ${result.firstBad.reason} (${result.count} entries before it verified)`);
      process.exitCode = 1;
    }
  } catch (error) {
    console.error(`could not check the audit chain: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  } finally {
    await db.$disconnect();
  }
}

await (values.file ? checkFile(values.file) : checkDatabase());
