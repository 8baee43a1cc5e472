import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

// What every-page.spec.ts checks on a page open in the browser: a serious or critical axe
// finding, an internal id in its text, the main nav wrapping at 1280 px, and anything
// wider than the window at 1280, 768 or 390 px. Each finding names the page, the width
// and the element.

export const WIDE = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };
const NARROW = { width: 390, height: 844 };

/** The document, or any element in it, scrolling sideways at the current width. */
async function sidewaysScrolling(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    const nameOf = (element: Element) => element.tagName.toLowerCase() + (element.classList.length ? `.${[...element.classList].join(".")}` : "");
    if (root.scrollWidth > root.clientWidth) {
      // Name the innermost elements that reach past the window, so the finding says what to fix.
      const past = [...document.body.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > root.clientWidth && ![...e.children].some((c) => c.getBoundingClientRect().right > root.clientWidth));
      found.push(`the page is ${root.scrollWidth} px wide (${past.slice(0, 3).map((e) => `${nameOf(e)} ends at ${e.getBoundingClientRect().right.toFixed(1)} px`).join(", ")})`);
    }
    for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
      const overflow = getComputedStyle(element).overflowX;
      // A drawing keeps its size, so no label shrinks, and scrolls in its own focusable box
      // (WCAG 1.4.10's exception for diagrams); its words are in the list beside it.
      const drawing = element.children.length === 1 && element.firstElementChild instanceof SVGSVGElement && element.tabIndex === 0;
      if ((overflow === "auto" || overflow === "scroll") && !drawing && element.scrollWidth > element.clientWidth + 1) {
        found.push(`${nameOf(element)} scrolls sideways (${element.scrollWidth} px in ${element.clientWidth} px)`);
      }
    }
    return found;
  });
}

/** Links and menus of the main nav that sit below the first one: the nav has wrapped. */
async function navWraps(page: Page) {
  return page.evaluate(() => {
    const items = [...document.querySelectorAll<HTMLElement>("nav[aria-label='Main'] > *")];
    const top = items[0]?.getBoundingClientRect().top ?? 0;
    return items.filter((item) => item.getBoundingClientRect().top > top + 8).map((item) => item.textContent ?? "");
  });
}

/** Database ids (Prisma's cuids) in the page's text: people are shown references and names. */
async function internalIds(page: Page) {
  return page.evaluate(() => document.body.innerText.match(/\bc[a-z0-9]{24}\b/g) ?? []);
}

/** Checks the page open at 1280 px, adding what it finds to `findings`, each starting with `where`. */
export async function checkPage(page: Page, where: string, findings: string[]) {
  const axe = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
  for (const v of axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
    findings.push(`${where}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  }
  for (const id of await internalIds(page)) findings.push(`${where}: shows the internal id ${id}`);
  const wrapped = await navWraps(page);
  if (wrapped.length) findings.push(`${where} at 1280 px: the main nav wraps (${wrapped.join(", ")} on a second line)`);
  for (const size of [WIDE, TABLET, NARROW]) {
    await page.setViewportSize(size);
    for (const wide of await sidewaysScrolling(page)) findings.push(`${where} at ${size.width} px: ${wide}`);
  }
  await page.setViewportSize(WIDE);
}
