import axe from "axe-core";
import type { Page } from "playwright-core";

export interface AxeViolation {
  rule: string;
  impact: string;
  targets: string[];
}

/**
 * axe-core's serious and critical WCAG 2.0/2.1 A and AA violations on the page as it is now (open
 * shadow roots included, so the widget's too). Evaluated over the DevTools protocol, so the page's CSP
 * (nonce'd scripts only) does not apply. A dialog or badge still fading in is measured half-transparent:
 * contrast is judged once finite animations settle (infinite ones, pulses, are not waited for).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity));
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const found = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({ rule: v.id, impact: v.impact ?? "", targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** The same, one line per rule ("color-contrast: button | a"), for `expect(...).toEqual([])`. */
export async function axeReport(page: Page): Promise<string[]> {
  return (await axeViolations(page)).map((v) => `${v.rule}: ${v.targets.join(" | ")}`);
}
