import { randomBytesFromPool } from "./random-pool";

// Row ids for rows written with raw SQL, in the shape of the client's cuid() ("c" and 24
// lowercase letters and digits): time, a counter, and randomness. Internal only: people see
// references (refs.ts), and the pages' leak checks look for this shape.

let counter = 0;

export function newRowId(): string {
  const time = Date.now().toString(36).padStart(9, "0").slice(-9);
  counter = (counter + 1) % 36 ** 3;
  const count = counter.toString(36).padStart(3, "0");
  let random = "";
  for (const byte of randomBytesFromPool(12)) random += (byte % 36).toString(36);
  return `c${time}${count}${random}`;
}
