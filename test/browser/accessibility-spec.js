// Accessibility (WCAG 2.1 A and AA): every page, in the light and the dark theme, audited with
// axe-core once all its cells have settled. A critical or serious violation fails; moderate and
// minor ones are reported. The counts per rule are logged, so a run shows what is left.
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {openPage} from "./site-spec.js";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const FAILING = new Set(["critical", "serious"]);

export default async function accessibilitySpec(context) {
  const {check, log, pages} = context;
  const totals = new Map(); // rule → {impact, nodes}
  for (const path of pages) {
    // each theme in a page of its own: a theme switched on an open page is audited while its
    // colour transitions are still running
    for (const colorScheme of ["light", "dark"]) {
      const opened = await openPage(context, path, {colorScheme});
      try {
        // content-visibility: auto leaves off-screen sections unrendered, and axe cannot measure
        // the contrast of text that has no layout: render everything for the audit
        await opened.page.addStyleTag({content: "* { content-visibility: visible !important; }"});
        await opened.page.addScriptTag({content: axeSource});
        const violations = await audit(opened.page);
        for (const v of violations) {
          const total = totals.get(v.id) ?? {impact: v.impact, nodes: 0};
          total.nodes += v.nodes.length;
          totals.set(v.id, total);
          const where = v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}${n.summary ? ` (${n.summary})` : ""}`).join("; ");
          const message = `${path} (${colorScheme}): axe ${v.impact} "${v.id}" on ${v.nodes.length} element(s): ${v.help}; e.g. ${where}`;
          if (FAILING.has(v.impact)) check(false, message);
          else log(message);
        }
        check(violations.every((v) => !FAILING.has(v.impact)), `${path} (${colorScheme}): no critical or serious axe violation`);
      } catch (error) {
        check(false, `${path} (${colorScheme}): accessibility audit: ${error.message}`);
      } finally {
        await opened.context.close();
      }
    }
  }
  const rows = [...totals].sort((a, b) => b[1].nodes - a[1].nodes).map(([id, t]) => `${id} (${t.impact}) ${t.nodes}`);
  log(`axe: ${rows.length ? rows.join(", ") : "no violations"} across ${pages.length} page(s) × 2 themes`);
}

async function audit(page) {
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({target: n.target.map(String), summary: (n.failureSummary ?? "").split("\n").slice(1, 2).join(" ").trim().slice(0, 160)}))
    }));
  }, TAGS);
}
