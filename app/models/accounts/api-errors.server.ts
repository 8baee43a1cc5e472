import { API_KEY_BUCKET, findApiKeyAndBuckets, noteApiKeyUse } from "./api-keys.server";
import { AuditLogNeedsAttention } from "../audit/audit.server";
import { takeAllowance } from "./api-allowance.server";

// The JSON answers of the /api/v1 endpoints and the checks every request passes
// before a route looks at it (key, rate limits, body size), which answer with them.
// Every refusal has the shape { error: { code, message, issues? } } (docs/api.md).
// The checks read a plain ApiRequest and answer a plain ApiAnswer, so that the HTTP
// server can answer POST /api/v1/reports on Node's request without Remix (decision 26)
// with the same code the Remix routes run; a route turns them into a Response.

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

/** What the API reads of a request: a Fetch Request (apiRequestOf) or Node's request (the HTTP server's) gives it. */
export type ApiRequest = {
  method: string;
  /** A header's value as Fetch's `Headers.get` gives it, or null. */
  header(name: string): string | null;
  /** The body's bytes; leaving the loop early leaves the connection open for the answer. */
  body: AsyncIterable<Uint8Array> | null;
};

/** An answer as data: a route sends it as a Response (answerResponse), the HTTP server on Node's response. */
export type ApiAnswer = { status: number; headers: Record<string, string>; body: string };

/** A refusal a check throws; answerApi and answerApiRequest answer it. */
export class ApiRefusal extends Error {
  constructor(readonly answer: ApiAnswer) {
    super(`API refusal ${answer.status}`);
    this.name = "ApiRefusal";
  }
}

/** A stream's chunks; stopping early releases it without cancelling, which would drop the connection before the answer. */
async function* chunksOf(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export function apiRequestOf(request: Request): ApiRequest {
  return { method: request.method, header: (name) => request.headers.get(name), body: request.body && chunksOf(request.body) };
}

export function answerResponse(answer: ApiAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** A refusal as data; its Content-Type is `Response.json`'s, which the routes answered before. */
export function apiRefusal(status: number, code: ApiErrorCode, message: string, options: { issues?: ApiIssue[]; headers?: Record<string, string> } = {}): ApiAnswer {
  const error = options.issues ? { code, message, issues: options.issues } : { code, message };
  return { status, headers: { "Content-Type": "application/json", ...options.headers }, body: JSON.stringify({ error }) };
}

export function apiError(
  status: number,
  code: ApiErrorCode,
  message: string,
  options: { issues?: ApiIssue[]; headers?: Record<string, string> } = {},
): Response {
  return answerResponse(apiRefusal(status, code, message, options));
}

export function methodNotAllowedAnswer(allowed: string[]): ApiAnswer {
  return apiRefusal(405, "method_not_allowed", `Use ${allowed.join(" or ")} on this endpoint.`, {
    headers: { Allow: allowed.join(", ") },
  });
}

export function methodNotAllowed(allowed: string[]): Response {
  return answerResponse(methodNotAllowedAnswer(allowed));
}

export function notFound(message: string): Response {
  return apiError(404, "not_found", message);
}

/** A refusal to throw from a check. */
function refuse(...args: Parameters<typeof apiRefusal>): ApiRefusal {
  return new ApiRefusal(apiRefusal(...args));
}

function rateLimited(retryAfterSeconds: number): ApiRefusal {
  return refuse(429, "rate_limited", `Too many requests. Try again in ${retryAfterSeconds} seconds.`, {
    headers: { "Retry-After": String(retryAfterSeconds) },
  });
}

/**
 * The API key the request authenticates with, after the per-address and per-key rate
 * limits. Throws the refusal (401 or 429) otherwise. One read finds the key and both
 * limits' rows; the limits are counted in leases (api-allowance.server.ts).
 */
export async function checkApiKey(request: ApiRequest, clientIp: string) {
  const { windowSeconds, perIp, perKey } = API_RATE_LIMITS;
  const addressBucket = `api:ip:${clientIp}`;
  const found = await findApiKeyAndBuckets(request.header("Authorization"), addressBucket);
  // The address is counted before the key is looked at, which slows key guessing.
  const byIp = await takeAllowance(addressBucket, perIp, windowSeconds, found.address);
  if (!byIp.allowed) throw rateLimited(byIp.retryAfterSeconds);
  const apiKey = found.key ? await noteApiKeyUse(found.key) : null;
  if (!apiKey) {
    throw refuse(401, "unauthorized", "Send a valid API key as “Authorization: Bearer <key>”.", {
      headers: { "WWW-Authenticate": 'Bearer realm="vigil"' },
    });
  }
  const byKey = await takeAllowance(`${API_KEY_BUCKET}${apiKey.id}`, perKey, windowSeconds, found.keyBucket);
  if (!byKey.allowed) throw rateLimited(byKey.retryAfterSeconds);
  return apiKey;
}

/** checkApiKey for a Remix route: throws the refusal as a Response. */
export async function requireApiKey(request: Request, clientIp: string) {
  try {
    return await checkApiKey(apiRequestOf(request), clientIp);
  } catch (error) {
    throw error instanceof ApiRefusal ? answerResponse(error.answer) : error;
  }
}

function tooLarge(): ApiRefusal {
  // Closing the connection spares the server reading the rest of the body; cancelling
  // the stream instead would drop the connection before the answer is sent.
  return refuse(413, "payload_too_large", `The request body is over the limit of ${API_BODY_LIMIT_BYTES} bytes.`, {
    headers: { Connection: "close" },
  });
}

function malformed(message: string): ApiRefusal {
  return refuse(400, "malformed_json", message);
}

// Stateless when not streaming, so one serves every request.
const utf8 = new TextDecoder("utf-8", { fatal: true });

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
export async function readJsonBody(request: ApiRequest): Promise<unknown> {
  if (!isJsonType(request.header("Content-Type"))) {
    throw refuse(415, "unsupported_media_type", "Send the body as JSON, with the header “Content-Type: application/json”.");
  }
  const declared = request.header("Content-Length");
  if (declared !== null && (!/^\d+$/.test(declared.trim()) || Number(declared) > API_BODY_LIMIT_BYTES)) {
    throw /^\d+$/.test(declared.trim()) ? tooLarge() : malformed("The Content-Length header is not a number.");
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    try {
      for await (const chunk of request.body) {
        size += chunk.byteLength;
        if (size > API_BODY_LIMIT_BYTES) throw tooLarge();
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof ApiRefusal) throw error;
      throw malformed("The request body could not be read.");
    }
  }
  let text: string;
  try {
    text = utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
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
 * The answer to what an API handler threw: a refusal as it is; a chain that cannot grow
 * refuses the write (503, nothing recorded); other unexpected failures are logged and
 * answered 500.
 */
function answerFailure(error: unknown): ApiAnswer {
  if (error instanceof ApiRefusal) return error.answer;
  if (error instanceof AuditLogNeedsAttention) {
    console.error(error.message);
    return apiRefusal(503, "audit_log_needs_attention", "Vigil is not recording anything until its audit log is looked at by an administrator. Nothing was recorded; send the request again later, with the same Idempotency-Key.", {
      headers: { "Retry-After": String(AUDIT_ATTENTION_RETRY_SECONDS) },
    });
  }
  console.error(error);
  return apiRefusal(500, "internal_error", "Vigil could not complete this request. Try again; send the same Idempotency-Key to be safe.");
}

/** Runs a route's API handler so that nothing escapes as an HTML error page (see answerFailure). */
export async function answerApi(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) return error;
    return answerResponse(answerFailure(error));
  }
}

/** answerApi for a handler that answers data (ApiAnswer), wherever it is sent from. */
export async function answerApiRequest(run: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
  try {
    return await run();
  } catch (error) {
    return answerFailure(error);
  }
}
