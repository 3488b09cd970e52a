import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core in a page or a frame (evaluated through CDP, so the page's CSP allows it) and
 * answers the violations of serious or critical impact.
 */
export async function seriousAxeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(AXE_SOURCE);
  // A page in the middle of a transition (a dialog fading in, a button turning enabled) has
  // colours between two states: let every finite animation end before judging contrast.
  await target.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const violations = await target.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    // Fluent's focus manager (tabster) puts focusable aria-hidden sentinels
    // (`<i data-tabster-dummy>`) at the edges of focus groups and modals, which pass the focus
    // on at once and are never read; axe flags them as aria-hidden-focus (Fluent v9's known issue).
    const results = await axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The same, each violation as one line naming the rule and the nodes (for `toEqual([])`). */
export async function seriousAxeFindings(target: Page | Frame): Promise<string[]> {
  return (await seriousAxeViolations(target)).map(
    (v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`,
  );
}
