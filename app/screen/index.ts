// The text screen used at report intake: which listed words a message contains, in which
// language's list, and where (offsets in the original text, for highlighting).
import { createScreen } from "./screen";
import type { ScreenResult, TextScreen } from "./screen";

export type { ScreenHit, ScreenOptions, ScreenResult, TextScreen } from "./screen";
export { createScreen } from "./screen";
export { LIST_IDS } from "./word-lists";

let defaultScreen: TextScreen | null = null;

/** Screens `text` with the default lists, built on first use and shared. See TextScreen.screen. */
export function screenText(text: string, language?: string | null): ScreenResult {
  defaultScreen ??= createScreen();
  return defaultScreen.screen(text, language);
}
