/**
 * axe-core in the page, the way the browser tests use it.
 *
 * @axe-core/playwright's AxeBuilder (which the tests used before) runs axe frame by frame (`runPartial`) and then
 * merges the results in a second, blank page (`finishRun`), shipping every passing
 * node across; on a chapter with ~13,000 elements that costs more than the audit
 * itself (20 s against 8 s here, and 110 s against 54 s on the whole-book print page).
 * The book has no iframes, so one `axe.run` in the page, reporting violations only,
 * checks exactly the same rules.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets the book is held to: WCAG 2.1 A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export interface AxeOptions {
  /** CSS selectors of the parts to check (default: the whole page). */
  include?: string[];
  /** Check only these rule ids instead of every rule with AXE_TAGS. */
  rules?: string[];
}

/** Runs axe and returns its violations as readable lines: "rule: help", then each failing node. */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<string[]> {
  // page.evaluate is not subject to the page's Content-Security-Policy (a <script> tag would be).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(
    async ({ include, rules, tags }) => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      const context = include ? { include: include.map((s) => [s]) } : document;
      const runOnly = rules ? { type: 'rule' as const, values: rules } : { type: 'tag' as const, values: tags };
      const result = await axe.run(context, { runOnly, resultTypes: ['violations'] });
      return result.violations.map(
        (v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
      );
    },
    { include: options.include, rules: options.rules, tags: AXE_TAGS },
  );
}
