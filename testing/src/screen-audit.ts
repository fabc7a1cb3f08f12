/**
 * What every screen must pass on a phone, checked in the real page: every form control has an
 * accessible name (a `label[for]` that points at an id which is not that control — say a heading that
 * shares it — counts as missing), no tap target smaller than 44 × 44 px, nothing wider than the
 * viewport, and axe with no serious or critical violation. Returns readable lines, empty when it passes.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** Smallest tap target, both ways (WCAG 2.5.5 / Android and iOS guidance). */
export const MIN_TAP_PX = 44;

/** Every problem on the page as it is now. */
export async function auditScreen(page: Page): Promise<string[]> {
  const inPage = await page.evaluate(checkInPage, MIN_TAP_PX);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const axe = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `axe ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  return [...inPage, ...axe];
}

/** Runs inside the page (serialised by Playwright: no closures over test code). */
function checkInPage(minTap: number): string[] {
  const problems: string[] = [];
  const describe = (el: Element): string => {
    const id = el.getAttribute("data-testid") ?? el.id;
    const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id ? ` ${id}` : ""}>${text ? ` "${text}"` : ""}`;
  };
  const visible = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") return false;
    // Visually hidden text (1 px, clipped) is for screen readers only.
    return !(r.width <= 1 && r.height <= 1);
  };
  const textOf = (ids: string): string =>
    ids
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
      .join(" ")
      .trim();

  // 1. Accessible names of form controls, computed as the accessible-name algorithm does for them.
  const controls = document.querySelectorAll<HTMLElement>(
    "input:not([type=hidden]), select, textarea, button, [role=checkbox], [role=radio], [role=switch], [role=combobox], [role=textbox]",
  );
  for (const el of controls) {
    if (!visible(el) && !(el instanceof HTMLInputElement && el.labels?.length)) continue;
    const labelledBy = el.getAttribute("aria-labelledby");
    const labels = "labels" in el ? [...((el as HTMLInputElement).labels ?? [])] : [];
    const input = el instanceof HTMLInputElement ? el : null;
    const name =
      (labelledBy ? textOf(labelledBy) : "") ||
      (el.getAttribute("aria-label") ?? "").trim() ||
      labels
        .map((l) => l.textContent?.trim() ?? "")
        .join(" ")
        .trim() ||
      (el instanceof HTMLButtonElement ? (el.textContent ?? "").trim() : "") ||
      (input && ["submit", "button", "reset"].includes(input.type) ? input.value.trim() : "") ||
      (el.getAttribute("title") ?? "").trim();
    if (name === "") problems.push(`no accessible name: ${describe(el)}`);
  }
  for (const label of document.querySelectorAll<HTMLLabelElement>("label[for]")) {
    if (label.control === null)
      problems.push(`label points at no form control (id "${label.htmlFor}"): ${describe(label)}`);
  }
  const ids = new Map<string, number>();
  for (const el of document.querySelectorAll("[id]")) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
  for (const [id, count] of ids) if (count > 1) problems.push(`id "${id}" is used ${count} times`);

  // 2. Tap targets. A link inside a sentence is exempt (WCAG 2.5.8's inline exception); a radio or
  // checkbox inside its label is tapped through the label.
  const targets = document.querySelectorAll<HTMLElement>(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=tab], [role=link]",
  );
  for (const el of targets) {
    if (!visible(el)) continue;
    let box: Element = el;
    if (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox")) {
      const label = el.closest("label");
      if (label !== null) box = label;
    }
    if (el instanceof HTMLAnchorElement) {
      const block = el.parentElement;
      const own = (el.textContent ?? "").trim().length;
      const around = (block?.textContent ?? "").trim().length;
      if (block !== null && around > own + 2 && getComputedStyle(el).display === "inline") continue;
    }
    const r = box.getBoundingClientRect();
    if (r.width < minTap - 0.5 || r.height < minTap - 0.5)
      problems.push(`tap target ${Math.round(r.width)}×${Math.round(r.height)} px: ${describe(el)}`);
  }

  // 3. Nothing wider than the viewport (content inside a horizontal scroller may be).
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width)
    problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} px > ${width} px`);
  const scrolls = (el: Element | null): boolean => {
    for (let a = el?.parentElement ?? null; a !== null; a = a.parentElement) {
      const x = getComputedStyle(a).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden" || x === "clip") return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if ((r.right > width + 0.5 || r.left < -0.5) && !scrolls(el))
      problems.push(`wider than the screen (${Math.round(r.left)}–${Math.round(r.right)} px): ${describe(el)}`);
  }
  return problems;
}
