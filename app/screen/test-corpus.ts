// Deterministic English messages for the screen's tests: ordinary words mixed with
// bad-words' entries in every casing, with the neighbours that decide bad-words' `\b`.

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ORDINARY = `the moderator said that this thread was about water and people but the reply came after a long
  time please report this post because it breaks the rules of our community thank you for the quick answer
  class pass assess shell hello title cocktail scunthorpe analysis therapist button grass mass assassin`.split(/\s+/);

// Characters around a listed word: word characters ("_", digits) hide it from bad-words,
// accents and symbols do not.
const NEIGHBOURS = ["", "", " ", "\"", "(", ")", "'", "_", "é", "-", "1", "*", "ß", "—", "🙂", "\n", ".", "!", "@", "$", "a", "Ü"];

/** `count` messages: about a third clean, the rest carrying one to three listed words. */
export function englishMessages(list: readonly string[], count: number, seed = 1): string[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const casing = (w: string) => {
    const r = random();
    if (r < 0.4) return w;
    if (r < 0.6) return w.toUpperCase();
    if (r < 0.8) return w.charAt(0).toUpperCase() + w.slice(1);
    return [...w].map((c) => (random() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join("");
  };
  const messages: string[] = [];
  for (let i = 0; i < count; i++) {
    const words: string[] = [];
    const length = 1 + Math.floor(random() * 25);
    for (let k = 0; k < length; k++) words.push(pick(ORDINARY));
    if (random() > 0.33) {
      const listed = 1 + Math.floor(random() * 3);
      for (let k = 0; k < listed; k++) {
        const at = Math.floor(random() * (words.length + 1));
        words.splice(at, 0, pick(NEIGHBOURS) + casing(pick(list)) + pick(NEIGHBOURS));
      }
    }
    messages.push(words.join(random() < 0.8 ? " " : pick([", ", "  ", "\t", " - "])) + pick(["", ".", "!", "?", "..."]));
  }
  return messages;
}
