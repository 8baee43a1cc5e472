import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// A webhook receiver on 127.0.0.1 for delivery tests: records what arrives and answers
// each request with the next status given (200 when none is left).

export type Received = { headers: http.IncomingHttpHeaders; body: string };

const servers: http.Server[] = [];

export async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return { url: `http://127.0.0.1:${port}/hook`, received };
}

/** Closes every receiver the test opened. */
export async function closeReceivers() {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
}

/** Whether X-Vigil-Signature is the HMAC-SHA256 of the raw body under `secret`, as a receiver checks it. */
export function signedWith(secret: string, r: Received): boolean {
  return r.headers["x-vigil-signature"] === `sha256=${crypto.createHmac("sha256", secret).update(r.body).digest("hex")}`;
}
