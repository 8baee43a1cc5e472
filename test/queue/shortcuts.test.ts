import { describe, expect, it } from "vitest";
import type { KeyLike, Shortcut } from "~/components/shortcuts";
import { isTypingTarget, shortcutFor } from "~/components/shortcuts";

// The key filter behind the queue's and the case page's shortcuts, with stand-in
// elements: what matters is which element has focus.

const element = (tagName: string, extra: { type?: string; isContentEditable?: boolean; within?: string[] } = {}) => ({
  tagName,
  type: extra.type,
  isContentEditable: extra.isContentEditable ?? false,
  closest: (selector: string) => {
    const own = [tagName.toLowerCase(), ...(extra.within ?? [])];
    return selector.split(",").some((s) => own.includes(s.trim().replace(/\[.*\]$/, ""))) ? {} : null;
  },
});

const shortcuts: Shortcut[] = ["j", "k", "c", "C", "x", "Enter", "?"].map((key) => ({ key, description: key, run: () => {} }));
const press = (key: string, target: unknown, mods: Partial<KeyLike> = {}) => shortcutFor({ key, target, ...mods }, shortcuts)?.key ?? null;

describe("keyboard shortcuts", () => {
  const body = element("BODY");

  it("answer single keys pressed on the page, Shift+C apart from c", () => {
    expect(press("j", body)).toBe("j");
    expect(press("C", body)).toBe("C");
    expect(press("c", body)).toBe("c");
    expect(press("?", body)).toBe("?");
    expect(press("q", body)).toBeNull();
  });

  it("never fire while typing in a field, a select or editable text", () => {
    for (const target of [element("INPUT"), element("INPUT", { type: "search" }), element("TEXTAREA"), element("SELECT"), element("DIV", { isContentEditable: true })]) {
      expect(isTypingTarget(target)).toBe(true);
      expect(press("j", target)).toBeNull();
      expect(press("c", target)).toBeNull();
    }
  });

  it("still work from a focused checkbox, link or button, where letters type nothing", () => {
    expect(press("x", element("INPUT", { type: "checkbox" }))).toBe("x");
    expect(press("j", element("A"))).toBe("j");
    expect(press("k", element("BUTTON"))).toBe("k");
  });

  it("leave Enter to a focused link or button, which opens or presses it", () => {
    expect(press("Enter", element("A"))).toBeNull();
    expect(press("Enter", element("SPAN", { within: ["button"] }))).toBeNull();
    expect(press("Enter", body)).toBe("Enter");
  });

  it("leave browser and screen-reader combinations and open dialogs alone", () => {
    expect(press("c", body, { ctrlKey: true })).toBeNull();
    expect(press("k", body, { metaKey: true })).toBeNull();
    expect(press("j", body, { altKey: true })).toBeNull();
    expect(press("j", body, { isComposing: true })).toBeNull();
    expect(press("j", body, { defaultPrevented: true })).toBeNull();
    expect(press("j", element("BUTTON", { within: ["dialog"] }))).toBeNull();
  });
});
