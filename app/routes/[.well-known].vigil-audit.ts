import { checkpointPublicKey, listCheckpoints } from "~/models/audit/audit-checkpoints.server";
import { prisma } from "~/utils/db.server";

// Public, no sign-in: the key that signs the audit chain's checkpoints and the checkpoints
// themselves, newest first. An auditor keeps one and later checks an export against it.

export async function loader() {
  const checkpoints = await listCheckpoints(prisma);
  return Response.json(
    { key: checkpointPublicKey(), checkpoints, howToVerify: "npm run audit:verify -- --file <export.ndjson> --checkpoint <this document or one checkpoint saved from it>" },
    { headers: { "Cache-Control": "public, max-age=60", "X-Content-Type-Options": "nosniff" } },
  );
}
