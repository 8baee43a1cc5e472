// References people read aloud, type and quote in email: "C-7KQ2MXPD" for a case,
// "R-…" for a report. The alphabet leaves out 0/O, 1/I/L and U so nothing is misread.
import { randomBytesFromPool } from "~/utils/random-pool";

export const REF_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const REF_LENGTH = 8;

const REF_PATTERN = new RegExp(`^[CR]-[${REF_ALPHABET}]{${REF_LENGTH}}$`);

function randomRef(prefix: "C" | "R" | "CR" | "ST"): string {
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % REF_ALPHABET.length);
  let out = "";
  while (out.length < REF_LENGTH) {
    for (const byte of randomBytesFromPool(16)) {
      if (byte < limit && out.length < REF_LENGTH) out += REF_ALPHABET[byte % REF_ALPHABET.length];
    }
  }
  return `${prefix}-${out}`;
}

export function newCaseRef(): string {
  return randomRef("C");
}

export function newReportRef(): string {
  return randomRef("R");
}

/** A crisis's reference: "CR-" and the same alphabet. */
export function newCrisisRef(): string {
  return randomRef("CR");
}

/** A crisis statement's reference: "ST-" and the same alphabet. */
export function newStatementRef(): string {
  return randomRef("ST");
}

const STATEMENT_REF_PATTERN = new RegExp(`^ST-[${REF_ALPHABET}]{${REF_LENGTH}}$`);

export function parseStatementRef(input: string): string | null {
  const ref = input.trim().toUpperCase();
  return STATEMENT_REF_PATTERN.test(ref) ? ref : null;
}

const CRISIS_REF_PATTERN = new RegExp(`^CR-[${REF_ALPHABET}]{${REF_LENGTH}}$`);

export function parseCrisisRef(input: string): string | null {
  const ref = input.trim().toUpperCase();
  return CRISIS_REF_PATTERN.test(ref) ? ref : null;
}

/** A typed or linked reference in canonical form (upper case), or null if it cannot be one. */
export function parseRef(input: string, kind: "case" | "report"): string | null {
  const ref = input.trim().toUpperCase();
  return REF_PATTERN.test(ref) && ref.startsWith(kind === "case" ? "C-" : "R-") ? ref : null;
}
