// Settings only the HTTP server reads (scripts/server.mjs): which proxies to believe
// about the client's address and scheme, and which address to listen on.
import net from "node:net";

const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * `TRUST_PROXY` as Express's "trust proxy" setting. A whole number is a hop count (`1`:
 * the one load balancer in front of Vigil); otherwise a comma-separated list of the
 * proxies' addresses, subnets (CIDR) or the names loopback, linklocal, uniquelocal.
 * Unset or empty trusts no proxy. Never passed raw: Express reads the string "1" as an
 * address, so behind a balancer every client would share the balancer's address.
 *
 * @param {string | undefined} value
 * @returns {number | string[] | false}
 */
export function trustProxySetting(value) {
  const text = (value ?? "").trim();
  if (text === "") return false;
  if (/^\d{1,3}$/.test(text)) return Number(text);
  const entries = text.split(",").map((entry) => entry.trim());
  const wrong = entries.find((entry) => !isProxyAddress(entry));
  if (wrong !== undefined) {
    throw new Error(
      `TRUST_PROXY: "${wrong}" is neither a hop count nor an address, a subnet (CIDR) or one of loopback, linklocal, uniquelocal. ` +
        "For example TRUST_PROXY=1 (one load balancer in front) or TRUST_PROXY=10.0.0.0/8,192.168.1.5.",
    );
  }
  return entries;
}

/** @param {string} entry */
function isProxyAddress(entry) {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `HOST`: the address to listen on, e.g. 127.0.0.1 to serve only this machine (behind a
 * proxy on it). Unset or empty listens on every interface.
 *
 * @param {string | undefined} value
 * @returns {string | undefined}
 */
export function listenHost(value) {
  const text = (value ?? "").trim();
  return text === "" ? undefined : text;
}

/**
 * The address to print once listening.
 *
 * @param {string | undefined} host
 * @param {number} port
 */
export function listenUrl(host, port) {
  const name = host === undefined || host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return `http://${net.isIPv6(name) ? `[${name}]` : name}:${port}`;
}
