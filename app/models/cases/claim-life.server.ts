import { env } from "~/utils/env.server";

/** How long a claim lasts without activity: the deployment's setting, given to the triage machine as input. */
export function claimTtlMs(): number {
  return env().CLAIM_TTL_MINUTES * 60_000;
}
