// Random bytes for the ids and references every report takes (several per report): drawn
// from the platform's CSPRNG a few kilobytes at a time, as Node's randomUUID does, instead
// of one call per id (a call costs microseconds; docs/decisions/0026). Works in the browser too.

const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let offset = 0;

/** `n` (at most POOL_SIZE) random bytes that no other caller is given. */
export function randomBytesFromPool(n: number): Uint8Array {
  if (offset + n > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + n);
  offset += n;
  return bytes;
}
