import { readFileSync } from 'fs';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';

/** axe-core's browser build, read once per test file. */
let axeSource: string | undefined;
function axeScript(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** The WCAG 2.1 A and AA rules (axe tags), the level issue 14 asks every page to pass. */
export const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The impacts that fail a page: a serious or critical violation stops the spec; minor and moderate ones are logged. */
const FAILING = new Set(['serious', 'critical']);

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA) on the page as it is now and returns its serious and critical violations, each with
 * the rule id, its help text and the selectors of the offending elements. Minor and moderate ones are logged under
 * `label` (not returned).
 */
export async function axeViolations(page: Page, label: string): Promise<AxeFinding[]> {
  // an animation still running (antd's fade-in) gives half-transparent text a contrast it never has at rest
  await page.waitForLoadState('load');
  // (an endless one, a loading indicator's, cannot be finished: it is left to run)
  await page.evaluate(
    'document.getAnimations().forEach((a) => { if (a.effect && a.effect.getComputedTiming().endTime !== Infinity) a.finish(); })',
  );
  // axe is put into the page once per document (a client-side navigation keeps it) and asked for violations only:
  // what @axe-core/playwright's AxeBuilder runs, without re-injecting 500 KB into every frame on every call and
  // without computing the passes and incompletes nobody reads (the accessibility tour checks ~60 pages)
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeScript());
  const results = (await page.evaluate(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG21_AA)} }, resultTypes: ['violations'] })`,
  )) as AxeResults;
  const findings = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes.map(
      (n) =>
        n.target.map(String).join(' ') +
        (v.id === 'color-contrast' ? contrastOf(n.any) : `  ${n.html.replace(/\s+/g, ' ').slice(0, 140)}`),
    ),
  }));
  const minor = findings.filter((f) => !FAILING.has(f.impact));
  if (minor.length)
    console.warn(
      `${label}: axe (not failing): ${minor.map((f) => `${f.id} [${f.impact}] ×${f.targets.length}`).join(', ')}`,
    );
  return findings.filter((f) => FAILING.has(f.impact));
}

/** For a contrast finding, the colours axe measured: ` (#8c8c8c on #ffffff, 3.36:1)`. */
function contrastOf(checks: { data?: unknown }[]): string {
  const d = checks.find((c) => c.data && typeof c.data === 'object' && 'contrastRatio' in c.data)?.data as
    { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
  return d ? ` (${d.fgColor} on ${d.bgColor}, ${d.contrastRatio}:1)` : '';
}

/** A readable report of axe findings: one line per rule, then its offending selectors (at most 8 per rule). */
export function formatFindings(label: string, findings: AxeFinding[]): string {
  return findings
    .map(
      (f) =>
        `${label}: ${f.id} [${f.impact}] ${f.help}\n` +
        f.targets
          .slice(0, 8)
          .map((t) => `    ${t}`)
          .join('\n') +
        (f.targets.length > 8 ? `\n    … and ${f.targets.length - 8} more` : ''),
    )
    .join('\n');
}

/**
 * Fails (throws) when axe finds a serious or critical WCAG 2.1 A/AA violation on the page as it is now; the error
 * names each rule, its help text and the offending elements' selectors.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const findings = await axeViolations(page, label);
  if (findings.length) throw new Error(`axe found serious or critical violations\n${formatFindings(label, findings)}`);
}
