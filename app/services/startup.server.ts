import { keyCaseLinks } from "~/models/cases/case-search.server";
import { sealPlainWebhookSecrets } from "~/models/messages/webhooks.server";
import { env } from "~/utils/env.server";
import { encryptionKey } from "~/utils/secret-box.server";

/**
 * Runs before the server listens: a bad environment (in production, a missing
 * SESSION_SECRET or VIGIL_ENCRYPTION_KEY) stops the start with its message, and secrets
 * stored in plain text by an earlier release are sealed (docs/decisions/0012). Returns
 * what it did, for the server's log.
 */
export async function prepareToServe(): Promise<string[]> {
  env();
  encryptionKey();
  const sealed = await sealPlainWebhookSecrets();
  // Cases recorded before links were searchable (migration 0006) get their link key once.
  const keyed = await keyCaseLinks();
  return [
    ...(sealed > 0 ? [`Encrypted ${sealed} webhook secret${sealed === 1 ? "" : "s"} stored in plain text.`] : []),
    ...(keyed > 0 ? [`Made the links of ${keyed} earlier case${keyed === 1 ? "" : "s"} searchable.`] : []),
  ];
}
