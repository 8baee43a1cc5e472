import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// A local HTTP receiver on 127.0.0.1:0 standing in for whoever Vigil posts to (the
// community platform, a chat webhook): it keeps every request and answers each with the
// next status queued, or `fallback` when none is.

export type Received = { headers: http.IncomingHttpHeaders; body: string };

export type Receiver = {
  url: string;
  received: Received[];
  /** Statuses for the next requests, in order. */
  answer(...statuses: number[]): void;
  fallback: number;
  close(): Promise<void>;
};

export async function startReceiver(fallback = 200): Promise<Receiver> {
  const queued: number[] = [];
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(queued.shift() ?? receiver.fallback).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/vigil/messages`,
    received,
    fallback,
    answer: (...statuses) => void queued.push(...statuses),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return receiver;
}

/** Whether a request carries `X-Vigil-Signature: sha256=<HMAC-SHA256 of its raw body under secret>`. */
export function signedWith(secret: string, r: Received): boolean {
  return r.headers["x-vigil-signature"] === `sha256=${crypto.createHmac("sha256", secret).update(r.body).digest("hex")}`;
}
