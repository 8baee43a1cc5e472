import { API_KEY_BUCKET, findApiKeyAndBuckets, noteApiKeyUse } from "./api-keys.server";
import { AuditLogNeedsAttention } from "../audit/audit.server";
import { takeAllowance } from "./api-allowance.server";

// The JSON answers of the /api/v1 endpoints and the checks every request passes
// before a route looks at it (key, rate limits, body size), which answer with them.
// Every refusal has the shape { error: { code, message, issues? } } (docs/api.md).

export type ApiIssue = { path: string; message: string };
export type ApiErrorCode =
  | "invalid_request"
  | "malformed_json"
  | "unauthorized"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "idempotency_key_reused"
  | "unknown_rule"
  | "rate_limited"
  | "audit_log_needs_attention"
  | "internal_error";

export const API_BODY_LIMIT_BYTES = 64 * 1024;
const limitFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/** Per minute; API_RATE_LIMIT_PER_KEY and API_RATE_LIMIT_PER_IP raise them (load tests, big platforms). */
export const API_RATE_LIMITS = {
  windowSeconds: 60,
  perKey: limitFromEnv("API_RATE_LIMIT_PER_KEY", 600),
  // Above one key's allowance, so one platform behind one address is never held back by
  // this, while key guessing from one address is.
  perIp: limitFromEnv("API_RATE_LIMIT_PER_IP", 1200),
} as const;

export function apiError(
  status: number,
  code: ApiErrorCode,
  message: string,
  options: { issues?: ApiIssue[]; headers?: HeadersInit } = {},
): Response {
  const error = options.issues ? { code, message, issues: options.issues } : { code, message };
  return Response.json({ error }, { status, headers: options.headers });
}

export function methodNotAllowed(allowed: string[]): Response {
  return apiError(405, "method_not_allowed", `Use ${allowed.join(" or ")} on this endpoint.`, {
    headers: { Allow: allowed.join(", ") },
  });
}

export function notFound(message: string): Response {
  return apiError(404, "not_found", message);
}

function rateLimited(retryAfterSeconds: number): Response {
  return apiError(429, "rate_limited", `Too many requests. Try again in ${retryAfterSeconds} seconds.`, {
    headers: { "Retry-After": String(retryAfterSeconds) },
  });
}

/**
 * The API key the request authenticates with, after the per-address and per-key rate
 * limits. Throws the JSON refusal (401 or 429) otherwise. One read finds the key and
 * both limits' rows; the limits are counted in leases (api-allowance.server.ts).
 */
export async function requireApiKey(request: Request, clientIp: string) {
  const { windowSeconds, perIp, perKey } = API_RATE_LIMITS;
  const addressBucket = `api:ip:${clientIp}`;
  const found = await findApiKeyAndBuckets(request, addressBucket);
  // The address is counted before the key is looked at, which slows key guessing.
  const byIp = await takeAllowance(addressBucket, perIp, windowSeconds, found.address);
  if (!byIp.allowed) throw rateLimited(byIp.retryAfterSeconds);
  const apiKey = found.key ? await noteApiKeyUse(found.key) : null;
  if (!apiKey) {
    throw apiError(401, "unauthorized", "Send a valid API key as “Authorization: Bearer <key>”.", {
      headers: { "WWW-Authenticate": 'Bearer realm="vigil"' },
    });
  }
  const byKey = await takeAllowance(`${API_KEY_BUCKET}${apiKey.id}`, perKey, windowSeconds, found.keyBucket);
  if (!byKey.allowed) throw rateLimited(byKey.retryAfterSeconds);
  return apiKey;
}

function tooLarge(): Response {
  // Closing the connection spares the server reading the rest of the body; cancelling
  // the stream instead would drop the connection before the answer is sent.
  return apiError(413, "payload_too_large", `The request body is over the limit of ${API_BODY_LIMIT_BYTES} bytes.`, {
    headers: { Connection: "close" },
  });
}

function malformed(message: string): Response {
  return apiError(400, "malformed_json", message);
}

/** `application/json`, or a JSON type such as `application/problem+json`, parameters aside. */
function isJsonType(contentType: string | null): boolean {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * Reads a JSON body of at most API_BODY_LIMIT_BYTES. The body must say it is JSON
 * (Content-Type); Content-Length is checked next; the bytes are counted while reading
 * too, since a chunked body announces no length. Throws 415, 413 or 400 (not UTF-8,
 * not JSON).
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  if (!isJsonType(request.headers.get("Content-Type"))) {
    throw apiError(415, "unsupported_media_type", "Send the body as JSON, with the header “Content-Type: application/json”.");
  }
  const declared = request.headers.get("Content-Length");
  if (declared !== null && (!/^\d+$/.test(declared.trim()) || Number(declared) > API_BODY_LIMIT_BYTES)) {
    throw /^\d+$/.test(declared.trim()) ? tooLarge() : malformed("The Content-Length header is not a number.");
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > API_BODY_LIMIT_BYTES) {
          reader.releaseLock();
          throw tooLarge();
        }
        chunks.push(value);
      }
    } catch (error) {
      if (error instanceof Response) throw error;
      throw malformed("The request body could not be read.");
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw malformed("The request body is not valid UTF-8.");
  }
  if (!text.trim()) throw malformed("The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw malformed(`The request body is not valid JSON${error instanceof SyntaxError ? `: ${error.message}` : "."}`);
  }
}

/** Seconds a client is asked to wait while the audit log needs attention: someone has to act first. */
export const AUDIT_ATTENTION_RETRY_SECONDS = 300;

/**
 * Runs an API handler so that a thrown refusal is answered as it is and nothing else
 * escapes as an HTML error page. A chain that cannot grow refuses the write (503, nothing
 * recorded); other unexpected failures are logged and answered 500.
 */
export async function answerApi(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) return error;
    if (error instanceof AuditLogNeedsAttention) {
      console.error(error.message);
      return apiError(503, "audit_log_needs_attention", "Vigil is not recording anything until its audit log is looked at by an administrator. Nothing was recorded; send the request again later, with the same Idempotency-Key.", {
        headers: { "Retry-After": String(AUDIT_ATTENTION_RETRY_SECONDS) },
      });
    }
    console.error(error);
    return apiError(500, "internal_error", "Vigil could not complete this request. Try again; send the same Idempotency-Key to be safe.");
  }
}
